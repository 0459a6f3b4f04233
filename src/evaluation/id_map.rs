//! A map from ids to values kept as one vector sorted by id: a bid's scores, values, answers and
//! justifications.
//!
//! The engine walks every bid's maps in id order on each evaluation, merging them with the criteria tree's
//! ids. In a tree map that walk chases pointers from node to node and, with fifty bids of thousands of scores,
//! spent most of its time waiting for memory; a sorted vector is read front to back, which the processor
//! fetches ahead. Edits (one score at a time) shift the entries after it, which is cheap at these sizes.

use smol_str::SmolStr;
use std::borrow::Borrow;
use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct IdMap<V> {
    /// Sorted by id, each id once.
    entries: Vec<(SmolStr, V)>,
}

impl<V> IdMap<V> {
    pub const fn new() -> Self {
        IdMap { entries: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(key, _)| key.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&V> {
        self.find(id).ok().map(|at| &self.entries[at].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets the value of `id`, returning the one it replaces.
    pub fn insert(&mut self, id: impl Borrow<str> + Into<SmolStr>, value: V) -> Option<V> {
        match self.find(id.borrow()) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].1, value)),
            Err(at) => {
                self.entries.insert(at, (id.into(), value));
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<V> {
        self.find(id).ok().map(|at| self.entries.remove(at).1)
    }

    /// The entries in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.entries.iter().map(|(id, value)| (id.as_str(), value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(id, _)| id.as_str())
    }
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap::new()
    }
}

impl<V: fmt::Debug> fmt::Debug for IdMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Builds the map from entries in any order; of repeated ids the last counts, as a repeated key does in JSON.
impl<K: Into<SmolStr>, V> FromIterator<(K, V)> for IdMap<V> {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(entries: T) -> Self {
        let mut entries: Vec<(SmolStr, V)> = entries.into_iter().map(|(id, value)| (id.into(), value)).collect();
        // A stable sort keeps repeated ids in the order given, and takes one pass over entries already in order,
        // as they are when read from a file this program wrote.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        // `dedup_by` keeps the first of equal neighbours; swapping the later one into its place keeps the last.
        entries.dedup_by(|later, kept| {
            let repeated = later.0 == kept.0;
            if repeated {
                std::mem::swap(later, kept);
            }
            repeated
        });
        IdMap { entries }
    }
}

impl<K: Into<SmolStr>, V, const N: usize> From<[(K, V); N]> for IdMap<V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V: serde::Serialize> serde::Serialize for IdMap<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for IdMap<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::model::entries(deserializer).map(IdMap::from_iter)
    }
}

#[cfg(test)]
mod tests {
    use super::IdMap;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// The map behaves as a `BTreeMap` under the same inserts and removals, and builds as one from entries.
        #[test]
        fn behaves_as_a_tree_map(
            initial in proptest::collection::vec(("[a-e]{1,2}", any::<u8>()), 0..30),
            edits in proptest::collection::vec(("[a-e]{1,2}", proptest::option::of(any::<u8>())), 0..30),
        ) {
            let mut map: IdMap<u8> = initial.iter().cloned().collect();
            let mut expected: BTreeMap<String, u8> = initial.into_iter().collect();
            for (id, edit) in edits {
                match edit {
                    Some(value) => prop_assert_eq!(map.insert(id.as_str(), value), expected.insert(id, value)),
                    None => prop_assert_eq!(map.remove(&id), expected.remove(&id)),
                }
                prop_assert_eq!(map.get("a"), expected.get("a"));
            }
            let got: Vec<(&str, &u8)> = map.iter().collect();
            let want: Vec<(&str, &u8)> = expected.iter().map(|(k, v)| (k.as_str(), v)).collect();
            prop_assert_eq!(got, want);
        }
    }
}
