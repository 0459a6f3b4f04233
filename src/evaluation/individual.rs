//! A bid's individual scores: each evaluator's own score per scored item, as one dense table.
//!
//! A large tender has a million of them (50 bids × 2,000 requirements × 10 evaluators), and the engine reads
//! every one on each evaluation to find where the panel disagrees. A map of maps spreads them over a hundred
//! thousand separately allocated nodes; this table keeps them as one small integer per item and evaluator,
//! indexing the bid's distinct scores in ascending order. An item's lowest and highest score are then an
//! integer minimum and maximum, and each distinct score is checked against the scale once.
//!
//! In the exchange file the table is still the object of objects the format describes (item → evaluator →
//! score or `null`); a cell remembers whether the evaluator was absent from the item's object or present with
//! `null`, so a file reads back to the table it was written from.

use super::model::{NestedEntries, entries_of_entries};
use super::scores::Spread;
use rust_decimal::Decimal;
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeMap, Serializer};
use smol_str::SmolStr;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The evaluator does not appear under the item.
const ABSENT: u32 = 0;
/// The evaluator's score is blank: missing, never zero.
const BLANK: u32 = 1;
/// Cells from this value on index `values` (cell − `FIRST_VALUE`).
const FIRST_VALUE: u32 = 2;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndividualScores {
    /// Item ids in `str` order, one row of cells each.
    items: Vec<SmolStr>,
    /// Evaluator names in `str` order, one column each.
    evaluators: Vec<SmolStr>,
    /// The distinct scores, ascending; scores equal in value but written differently (7 and 7.0) are kept
    /// apart so that each reads back as written.
    values: Vec<Decimal>,
    /// `items.len() × evaluators.len()` cells, row by row.
    cells: Vec<u32>,
}

impl IndividualScores {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of items with a row, scored or not.
    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    /// `None` when the evaluator has no entry under the item; `Some(None)` for a blank score.
    pub fn get(&self, item: &str, evaluator: &str) -> Option<Option<Decimal>> {
        let row = self.items.binary_search_by(|i| i.as_str().cmp(item)).ok()?;
        let column = self.evaluators.binary_search_by(|e| e.as_str().cmp(evaluator)).ok()?;
        self.score(self.cells[row * self.evaluators.len() + column])
    }

    /// Every entry as (item, evaluator, score), by item and then evaluator.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str, Option<Decimal>)> {
        self.rows().flat_map(move |(item, cells)| {
            self.evaluators
                .iter()
                .zip(cells)
                .filter_map(move |(evaluator, cell)| Some((item, evaluator.as_str(), self.score(*cell)?)))
        })
    }

    /// Sets one evaluator's score for an item (`None` is a blank score).
    pub fn insert(&mut self, item: &str, evaluator: &str, score: Option<Decimal>) {
        self.rebuild(item, evaluator, Some(score));
    }

    /// Removes an evaluator's entry for an item; an item or evaluator left without entries disappears.
    pub fn remove(&mut self, item: &str, evaluator: &str) {
        self.rebuild(item, evaluator, None);
    }

    /// Edits rebuild the table from its entries, which keeps it in one canonical form (sorted, no empty rows or
    /// columns, no unused scores). They come one keystroke at a time, so the rebuild's cost does not matter.
    fn rebuild(&mut self, item: &str, evaluator: &str, entry: Option<Option<Decimal>>) {
        let mut entries: Vec<(SmolStr, SmolStr, Option<Decimal>)> = self
            .entries()
            .filter(|(i, e, _)| (*i, *e) != (item, evaluator))
            .map(|(i, e, score)| (i.into(), e.into(), score))
            .collect();
        entries.extend(entry.map(|score| (item.into(), evaluator.into(), score)));
        *self = entries.into_iter().collect();
    }

    pub(crate) fn rows(&self) -> impl Iterator<Item = (&str, &[u32])> {
        let width = self.evaluators.len().max(1);
        self.items.iter().map(SmolStr::as_str).zip(self.cells.chunks(width).chain(std::iter::repeat(&[][..])))
    }

    fn score(&self, cell: u32) -> Option<Option<Decimal>> {
        match cell {
            ABSENT => None,
            BLANK => Some(None),
            value => Some(Some(self.values[(value - FIRST_VALUE) as usize])),
        }
    }

    /// The distinct scores, ascending, which a [`Spread`]'s lowest and highest index.
    pub(crate) fn values(&self) -> &[Decimal] {
        &self.values
    }

    /// The summary of one row's scores, or `None` when it has no score that is not blank. Written without
    /// branches on the cells (absent and blank cells sort below every score), as it runs a million times.
    pub(crate) fn spread(&self, item: usize, cells: &[u32]) -> Option<Spread> {
        let (mut lowest, mut highest, mut scored, mut blank) = (u32::MAX, 0, 0, 0);
        for &cell in cells {
            let is_score = cell >= FIRST_VALUE;
            lowest = lowest.min(if is_score { cell } else { u32::MAX });
            highest = highest.max(cell);
            scored += u32::from(is_score);
            blank += u32::from(cell == BLANK);
        }
        (scored > 0).then(|| Spread {
            item: item as u32,
            lowest: lowest - FIRST_VALUE,
            highest: highest - FIRST_VALUE,
            scored,
            blank,
        })
    }

    /// The distinct scores for which `off` holds, and every entry that gives one of them; nothing is
    /// allocated unless some score is off.
    pub(crate) fn entries_with(&self, off: impl Fn(&Decimal) -> bool) -> Vec<(&str, &str, Decimal)> {
        if !self.values.iter().any(&off) {
            return Vec::new();
        }
        self.entries().filter_map(|(item, evaluator, score)| Some((item, evaluator, score.filter(&off)?))).collect()
    }
}

/// Builds the table from (item, evaluator, score) entries in any order; of repeated entries the last counts,
/// as a repeated key does in JSON.
impl FromIterator<(SmolStr, SmolStr, Option<Decimal>)> for IndividualScores {
    fn from_iter<T: IntoIterator<Item = (SmolStr, SmolStr, Option<Decimal>)>>(entries: T) -> Self {
        let mut entries: Vec<_> = entries.into_iter().collect();
        // A stable sort keeps repeated entries in the order given; entries read from a file are usually sorted
        // already, which this sort handles in one pass.
        entries.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        // `dedup_by` keeps the first of equal neighbours; swapping the later one into its place keeps the last.
        entries.dedup_by(|later, kept| {
            let repeated = (&later.0, &later.1) == (&kept.0, &kept.1);
            if repeated {
                std::mem::swap(later, kept);
            }
            repeated
        });
        let mut evaluators: Vec<SmolStr> = entries.iter().map(|e| e.1.clone()).collect();
        evaluators.sort_unstable();
        evaluators.dedup();
        let mut values: Vec<Decimal> = entries.iter().filter_map(|e| e.2).collect();
        values.sort_unstable_by(exact_order);
        values.dedup_by(|a, b| exact_order(a, b) == Ordering::Equal);

        let mut table = IndividualScores { items: Vec::new(), evaluators, values, cells: Vec::new() };
        let width = table.evaluators.len();
        for (item, evaluator, score) in entries {
            if table.items.last() != Some(&item) {
                table.items.push(item);
                table.cells.resize(table.cells.len() + width, ABSENT);
            }
            let column = table.evaluators.binary_search(&evaluator).expect("every evaluator has a column");
            let cell = match score {
                None => BLANK,
                Some(score) => {
                    let index = table.values.binary_search_by(|v| exact_order(v, &score));
                    FIRST_VALUE + index.expect("every score has a value") as u32
                }
            };
            let row_start = table.cells.len() - width;
            table.cells[row_start + column] = cell;
        }
        table
    }
}

/// Numeric order, and among equal values the order of their scale, so that 7 and 7.0 are distinct.
fn exact_order(a: &Decimal, b: &Decimal) -> Ordering {
    a.cmp(b).then(a.scale().cmp(&b.scale()))
}

impl Serialize for IndividualScores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.items.len()))?;
        for (item, cells) in self.rows() {
            let row: BTreeMap<&str, Option<Decimal>> = self
                .evaluators
                .iter()
                .zip(cells)
                .filter_map(|(evaluator, cell)| Some((evaluator.as_str(), self.score(*cell)?)))
                .collect();
            map.serialize_entry(item, &row)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for IndividualScores {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let rows: NestedEntries<Option<Decimal>> = entries_of_entries(deserializer)?;
        let mut entries = Vec::with_capacity(rows.iter().map(|(_, row)| row.len().max(1)).sum());
        let mut empty_items = Vec::new();
        for (item, row) in rows {
            if row.is_empty() {
                empty_items.push(item);
                continue;
            }
            entries.extend(row.into_iter().map(|(evaluator, score)| (item.clone(), evaluator, score)));
        }
        let mut table: IndividualScores = entries.into_iter().collect();
        // An item written with an empty object keeps its (empty) row, so that validation still sees its id.
        for item in empty_items {
            if let Err(at) = table.items.binary_search(&item) {
                table.items.insert(at, item);
                let start = at * table.evaluators.len();
                table.cells.splice(start..start, std::iter::repeat_n(ABSENT, table.evaluators.len()));
            }
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn score() -> impl Strategy<Value = Option<Decimal>> {
        proptest::option::of((0i64..30, 0u32..2).prop_map(|(m, s)| Decimal::new(m, s)))
    }

    proptest! {
        /// The table holds exactly the entries of the map of maps it stands for, the last of repeated ones.
        #[test]
        fn table_holds_the_entries_given(
            entries in proptest::collection::vec(("[a-d]{1,2}", "[x-z]", score()), 0..40)
        ) {
            let mut expected: BTreeMap<(String, String), Option<Decimal>> = BTreeMap::new();
            for (item, evaluator, score) in &entries {
                expected.insert((item.clone(), evaluator.clone()), *score);
            }
            let table: IndividualScores = entries.into_iter().map(|(i, e, s)| (i.into(), e.into(), s)).collect();
            let got: Vec<_> = table.entries().map(|(i, e, s)| ((i.to_owned(), e.to_owned()), s)).collect();
            let expected: Vec<_> = expected.into_iter().collect();
            prop_assert_eq!(&got, &expected);
            for ((item, evaluator), score) in &expected {
                let read = table.get(item, evaluator).map(|s| s.map(|d| (d.mantissa(), d.scale())));
                prop_assert_eq!(read, Some(score.map(|d| (d.mantissa(), d.scale()))));
            }
        }

        /// Editing one entry gives the table built from the edited entries.
        #[test]
        fn edits_give_the_canonical_table(
            entries in proptest::collection::vec(("[a-c]", "[x-z]", score()), 0..20),
            item in "[a-c]", evaluator in "[x-z]", new in score(), insert: bool,
        ) {
            let entries: Vec<(SmolStr, SmolStr, Option<Decimal>)> =
                entries.into_iter().map(|(i, e, s)| (i.into(), e.into(), s)).collect();
            let mut table: IndividualScores = entries.iter().cloned().collect();
            let mut edited: Vec<_> = entries.into_iter().filter(|(i, e, _)| (i.as_str(), e.as_str()) != (item.as_str(), evaluator.as_str())).collect();
            if insert {
                table.insert(&item, &evaluator, new);
                edited.push((item.into(), evaluator.into(), new));
            } else {
                table.remove(&item, &evaluator);
            }
            prop_assert_eq!(table, edited.into_iter().collect::<IndividualScores>());
        }
    }

    #[test]
    fn spread_counts_blanks_apart_from_scores_and_ignores_absent_evaluators() {
        let table: IndividualScores = [
            ("Q1", "Anna", Some(Decimal::new(70, 1))),
            ("Q1", "Bo", None),
            ("Q1", "Carl", Some(Decimal::from(3))),
            ("Q2", "Anna", None),
        ]
        .into_iter()
        .map(|(i, e, s)| (i.into(), e.into(), s))
        .collect();
        let rows: Vec<_> = table.rows().collect();
        let q1 = table.spread(0, rows[0].1).expect("Q1 has scores");
        let values = table.values();
        assert_eq!(
            (values[q1.lowest as usize], values[q1.highest as usize], q1.scored, q1.blank),
            (Decimal::from(3), Decimal::new(70, 1), 2, 1)
        );
        assert!(table.spread(1, rows[1].1).is_none(), "Q2 has only a blank score");
    }
}
