//! The report as plain text: the golden form the tests compare, and the form `check --report` looks for in
//! the PDF's text layer. Every line here appears, whitespace aside, in the PDF's extracted text, which is why
//! table rows are one line each and the bar chart is its labels and values.

use super::model::{Align, Block, Document, Section, Table};

pub fn render(document: &Document) -> String {
    let mut out = vec![document.heading.clone(), document.running_head()];
    out.extend(document.preamble.iter().cloned());
    if document.table_of_contents {
        out.push(String::new());
        out.push(document.contents_title().to_owned());
        for (index, section) in document.sections.iter().enumerate() {
            out.push(format!("{}. {}", index + 1, section.title));
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text.push_str(&sections(document));
    text.push('\n');
    text.push_str(&document.file_line());
    text.push('\n');
    if let Some(seal) = document.seal_line() {
        text.push_str(&seal);
        text.push('\n');
    }
    text
}

/// The numbered sections alone, without the title lines above them and the footer that names the file:
/// what a published tender document keeps and hashes, so that the same terms always give the same text
/// and a corrected tender title is no change of terms.
pub fn sections(document: &Document) -> String {
    let mut out = Vec::new();
    for (index, section) in document.sections.iter().enumerate() {
        let title = format!("{}. {}", index + 1, section.title);
        out.push(String::new());
        out.push(title.clone());
        out.push("=".repeat(title.chars().count()));
        for block in &section.blocks {
            out.push(String::new());
            block_lines(block, &mut out);
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// One section's blocks as text, separated by blank lines, without its numbered title: the app's preview
/// of the section shows exactly what the golden text and the PDF hold.
pub fn section_body(section: &Section) -> String {
    let mut out = Vec::new();
    for (index, block) in section.blocks.iter().enumerate() {
        if index > 0 {
            out.push(String::new());
        }
        block_lines(block, &mut out);
    }
    out.join("\n")
}

fn block_lines(block: &Block, out: &mut Vec<String>) {
    match block {
        Block::Subheading(text) | Block::Paragraph(text) => out.push(text.clone()),
        Block::Facts(facts) => out.extend(facts.iter().map(|f| format!("{} {}", f.labelled(), f.value))),
        Block::Table(table) => table_lines(table, out),
        Block::BarChart(chart) => {
            out.push(chart.caption.clone());
            for group in &chart.groups {
                out.push(group.label.clone());
                out.extend(group.bars.iter().map(|bar| format!("  {}  {}", bar.label, bar.text)));
            }
        }
    }
}

fn table_lines(table: &Table, out: &mut Vec<String>) {
    let width = |text: &str| text.chars().count();
    let mut widths: Vec<usize> = table.columns.iter().map(|c| width(&c.title)).collect();
    for row in &table.rows {
        for (slot, cell) in widths.iter_mut().zip(row) {
            *slot = (*slot).max(width(cell));
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&table.columns)
            .zip(&widths)
            .map(|((cell, column), w)| match column.align {
                Align::Left => format!("{cell:<w$}"),
                Align::Right => format!("{cell:>w$}"),
            })
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    out.push(line(table.columns.iter().map(|c| c.title.as_str()).collect()));
    out.push(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
    for row in &table.rows {
        out.push(line(row.iter().map(String::as_str).collect()));
    }
}
