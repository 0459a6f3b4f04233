//! The audit trail: who changed what, when, from which value to which.
//!
//! Rows are chained by SHA-256: each row's hash covers the previous row's hash and the row's own content, so
//! editing, removing or reordering any row breaks every hash after it. The time and actor of a change are
//! passed in by the caller ([`Stamp`]); nothing here reads a clock.

use crate::locale::Said;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Who makes a change and when. Passed into every mutation so the log is deterministic in tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub actor: String,
    pub at: DateTime<Utc>,
}

impl Stamp {
    pub fn new(actor: impl Into<String>, at: DateTime<Utc>) -> Self {
        Stamp { actor: actor.into(), at }
    }

    /// The time as stored in the tender file: RFC 3339, UTC, whole seconds.
    pub fn at_text(&self) -> String {
        self.at.to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub hash: String,
}

/// The hash that stands before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Hashes a row's content together with the previous row's hash.
///
/// Fields are separated by a unit separator and an absent value is written as a NUL byte, so that no two
/// different rows (an empty old value versus none, or text that moves between fields) hash alike.
pub fn chain_hash(previous: &str, entry: &AuditEntry) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "\0".to_owned());
    for part in [
        entry.seq.to_string(),
        entry.at.clone(),
        entry.actor.clone(),
        entry.entity.clone(),
        entry.field.clone(),
        optional(&entry.old_value),
        optional(&entry.new_value),
    ] {
        hasher.update([0x1f]);
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Why the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("audit log row {seq} does not match its hash: it was changed after it was written")]
    Altered { seq: i64 },
    #[error("audit log row {seq} follows row {previous}: rows are missing")]
    Gap { seq: i64, previous: i64 },
}

impl ChainBreak {
    pub fn said(&self) -> Said {
        let da = match self {
            ChainBreak::Altered { seq } => {
                format!("revisionssporets række {seq} passer ikke med sin hash: den er ændret, efter den blev skrevet")
            }
            ChainBreak::Gap { seq, previous } => {
                format!("revisionssporets række {seq} følger efter række {previous}: der mangler rækker")
            }
        };
        Said::new(self.to_string(), da)
    }
}

/// Verifies the chain over rows in `seq` order and names the first row that breaks it.
pub fn verify_chain(entries: &[AuditEntry]) -> Result<(), ChainBreak> {
    let mut previous_hash = GENESIS.to_owned();
    let mut previous_seq = 0;
    for entry in entries {
        if entry.seq != previous_seq + 1 {
            return Err(ChainBreak::Gap { seq: entry.seq, previous: previous_seq });
        }
        if chain_hash(&previous_hash, entry) != entry.hash {
            return Err(ChainBreak::Altered { seq: entry.seq });
        }
        previous_hash = entry.hash.clone();
        previous_seq = entry.seq;
    }
    Ok(())
}

/// A summary of the log for the report and `info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditSummary {
    pub changes: usize,
    pub last_change: Option<String>,
    pub last_actor: Option<String>,
    pub chain_verified: bool,
}

pub fn summarize(entries: &[AuditEntry]) -> AuditSummary {
    let last = entries.last();
    AuditSummary {
        changes: entries.len(),
        last_change: last.map(|e| e.at.clone()),
        last_actor: last.map(|e| e.actor.clone()),
        chain_verified: verify_chain(entries).is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, previous: &str) -> AuditEntry {
        let mut e = AuditEntry {
            seq,
            at: "2026-11-23T10:00:00Z".into(),
            actor: "kim".into(),
            entity: "tender".into(),
            field: "title".into(),
            old_value: None,
            new_value: Some(format!("v{seq}")),
            hash: String::new(),
        };
        e.hash = chain_hash(previous, &e);
        e
    }

    #[test]
    fn a_changed_row_and_a_missing_row_are_named() {
        let first = entry(1, GENESIS);
        let second = entry(2, &first.hash);
        let third = entry(3, &second.hash);
        assert_eq!(verify_chain(&[first.clone(), second.clone(), third.clone()]), Ok(()));

        let mut altered = second.clone();
        altered.new_value = Some("forged".into());
        assert_eq!(verify_chain(&[first.clone(), altered, third.clone()]), Err(ChainBreak::Altered { seq: 2 }));
        assert_eq!(verify_chain(&[first, third]), Err(ChainBreak::Gap { seq: 3, previous: 1 }));
    }

    #[test]
    fn none_and_empty_hash_differently() {
        let mut a = entry(1, GENESIS);
        a.old_value = Some(String::new());
        let b = entry(1, GENESIS);
        assert_ne!(chain_hash(GENESIS, &a), chain_hash(GENESIS, &b));
    }
}
