//! A large generated report and its letters, to measure the renderer on the biggest tenders consultants run:
//! 50 bids, 2,000 requirements of which 200 are scored in 20 sub-criteria, each score with its justification.

use super::model::{Bar, BarChart, BarGroup, Block, Column, Document, Fact, Section, Table};
use crate::locale::{Lang, MoneyPrecision};
use rust_decimal::Decimal;

const SUB_CRITERIA: usize = 20;

fn bidder(n: usize) -> String {
    format!("Leverandør {n:02} ApS")
}

/// A repeatable pseudo-random score from 0 to 10 in halves, so the generated report is the same every run.
fn score(bid: usize, item: usize) -> Decimal {
    let mixed = (bid as u64 * 7_919 + item as u64 * 104_729) % 21;
    Decimal::new(mixed as i64 * 5, 1)
}

fn shell(lang: Lang, heading: &str, preamble: Vec<String>, table_of_contents: bool) -> Document {
    Document {
        lang,
        heading: heading.to_owned(),
        tender_reference: "BENCH-2026-0001".into(),
        tender_title: "Genereret udbud til måling af rapporten".into(),
        file_sha256: "0".repeat(64),
        as_of: "2026-11-20T14:05:00Z".into(),
        preamble,
        table_of_contents,
        sections: Vec::new(),
    }
}

/// The award report of a generated tender with `bids` bids and `requirements` requirements.
pub fn award_report(bids: usize, requirements: usize) -> Document {
    let l = Lang::Da;
    let mut document = shell(l, "Tildelingsrapport", vec!["Ordregiver: Region Syddanmark".into()], true);
    let totals: Vec<Decimal> = (0..bids)
        .map(|b| (0..SUB_CRITERIA).map(|c| score(b, c)).sum::<Decimal>() / Decimal::from(SUB_CRITERIA))
        .collect();
    let mut order: Vec<usize> = (0..bids).collect();
    order.sort_by(|a, b| totals[*b].cmp(&totals[*a]).then(a.cmp(b)));

    let requirement_rows = (1..=requirements)
        .map(|n| {
            let kind = if n % 10 == 0 { "Tildeling" } else { "Mindstekrav" };
            let criterion = if n % 10 == 0 { format!("K{:02}", (n / 10) % SUB_CRITERIA + 1) } else { String::new() };
            vec![
                format!("R-{n:04}"),
                kind.into(),
                format!("Reservedele og service i {} år efter levering", n % 12 + 3),
                criterion,
            ]
        })
        .collect();
    let scores = (0..SUB_CRITERIA)
        .flat_map(|c| {
            (0..bids).map(move |b| {
                vec![
                    format!("K{:02}", c + 1),
                    bidder(b + 1),
                    l.points(score(b, c)),
                    "Løsningen er beskrevet konkret med dokumentation; enkelte punkter om reservedele er mindre klare."
                        .into(),
                ]
            })
        })
        .collect();
    let ranking = order
        .iter()
        .enumerate()
        .map(|(rank, b)| {
            vec![
                (rank + 1).to_string(),
                bidder(b + 1),
                l.money(Decimal::from(1_000_000 + b * 7_331), "DKK", MoneyPrecision::WholeKroner),
                l.points(totals[*b]),
            ]
        })
        .collect();
    let chart = BarChart {
        caption: "Vægtede point pr. kriterium".into(),
        max: Decimal::TEN,
        groups: (0..10)
            .map(|c| BarGroup {
                label: format!("K{:02}", c + 1),
                bars: (0..bids)
                    .map(|b| Bar { label: bidder(b + 1), value: score(b, c), text: l.points(score(b, c)) })
                    .collect(),
            })
            .collect(),
    };
    document.sections = vec![
        Section {
            title: "Tildelingsbeslutning".into(),
            blocks: vec![Block::Facts(vec![
                Fact::new("Vinder", bidder(order[0] + 1)),
                Fact::new("Samlet point", l.points(totals[order[0]])),
            ])],
        },
        Section {
            title: "Kravspecifikation".into(),
            blocks: vec![Block::Table(Table {
                columns: vec![
                    Column::left("Krav", 2),
                    Column::left("Type", 2),
                    Column::left("Titel", 8),
                    Column::left("Kriterium", 2),
                ],
                rows: requirement_rows,
            })],
        },
        Section {
            title: "Point og begrundelser".into(),
            blocks: vec![Block::Table(Table {
                columns: vec![
                    Column::left("Kriterium", 2),
                    Column::left("Tilbudsgiver", 4),
                    Column::right("Point", 2),
                    Column::left("Begrundelse", 9),
                ],
                rows: scores,
            })],
        },
        Section {
            title: "Rangorden".into(),
            blocks: vec![
                Block::Table(Table {
                    columns: vec![
                        Column::right("Rang", 1),
                        Column::left("Tilbudsgiver", 5),
                        Column::right("Pris", 3),
                        Column::right("Samlet", 2),
                    ],
                    rows: ranking,
                }),
                Block::BarChart(chart),
            ],
        },
    ];
    document
}

/// One letter per unsuccessful bid of the generated tender.
pub fn letters(bids: usize) -> Vec<Document> {
    let l = Lang::Da;
    (2..=bids)
        .map(|b| {
            let mut letter = shell(l, "Meddelelse om tildelingsbeslutning", vec![format!("Til: {}", bidder(b))], false);
            let rows = (0..SUB_CRITERIA)
                .map(|c| vec![format!("K{:02}", c + 1), l.points(score(b - 1, c)), l.points(score(0, c))])
                .collect();
            letter.sections = vec![Section {
                title: "Jeres point sammenlignet med det vindende tilbud".into(),
                blocks: vec![Block::Table(Table {
                    columns: vec![
                        Column::left("Kriterium", 4),
                        Column::right("Jeres point", 2),
                        Column::right("Vinderens point", 2),
                    ],
                    rows,
                })],
            }];
            letter
        })
        .collect()
}
