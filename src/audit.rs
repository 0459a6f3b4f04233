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
    /// The change rows this row vouches for; absent on rows written before format 3.
    pub changes: Option<Covered>,
    pub hash: String,
}

/// The change rows written in an audit row's transaction: those after the previous row's `to`, up to and
/// including `to`, and the SHA-256 of their content (see `store::change_log`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Covered {
    pub to: i64,
    pub sha256: String,
}

/// The hash that stands before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Hashes a row's content together with the previous row's hash.
///
/// Fields are separated by a unit separator and an absent value is written as a NUL byte, so that no two
/// different rows (an empty old value versus none, or text that moves between fields) hash alike. The
/// covered change rows are appended only where present, so rows written before format 3 keep their hashes.
pub fn chain_hash(previous: &str, entry: &AuditEntry) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    let seq = entry.seq.to_string();
    for part in [
        seq.as_str(),
        &entry.at,
        &entry.actor,
        &entry.entity,
        &entry.field,
        entry.old_value.as_deref().unwrap_or("\0"),
        entry.new_value.as_deref().unwrap_or("\0"),
    ] {
        hasher.update([0x1f]);
        hasher.update(part.as_bytes());
    }
    if let Some(covered) = &entry.changes {
        for part in [covered.to.to_string().as_str(), &covered.sha256] {
            hasher.update([0x1f]);
            hasher.update(part.as_bytes());
        }
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

/// The head of the audit chain as a line the consultant files outside the tender file (in the case file,
/// at publication and at award) and that the report and every letter print: the last row's number and the
/// start of its hash. A later copy of the file still holds that row with that hash; a file that was cut
/// back, rolled back to an older copy or rewritten does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    pub seq: i64,
    pub hash: String,
}

/// How much of the hash a seal carries: 96 bits, short enough to paste and far beyond guessing.
const SEAL_HASH_LENGTH: usize = 24;

impl Seal {
    /// The seal of the chain as it stands; `None` for an empty log.
    pub fn of(entries: &[AuditEntry]) -> Option<Seal> {
        entries.last().map(|e| Seal { seq: e.seq, hash: e.hash[..SEAL_HASH_LENGTH.min(e.hash.len())].to_owned() })
    }

    /// Reads a seal line; anything after the hash (a note the consultant added) is ignored.
    pub fn parse(line: &str) -> Result<Seal, SealBreak> {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words[..] {
            ["tenderbench", "seal", seq, hash, ..]
                if hash.len() == SEAL_HASH_LENGTH && hash.chars().all(|c| c.is_ascii_hexdigit()) =>
            {
                let seq = seq.parse().map_err(|_| SealBreak::Malformed { line: line.trim().to_owned() })?;
                Ok(Seal { seq, hash: hash.to_ascii_lowercase() })
            }
            _ => Err(SealBreak::Malformed { line: line.trim().to_owned() }),
        }
    }

    /// Finds the first seal line in a text, such as a report's text layer.
    pub fn find(text: &str) -> Option<Seal> {
        text.match_indices("tenderbench seal").find_map(|(at, _)| Seal::parse(&text[at..]).ok())
    }

    /// Whether the chain still holds the sealed row, unchanged.
    pub fn verify(&self, entries: &[AuditEntry]) -> Result<(), SealBreak> {
        let last = entries.last().map_or(0, |e| e.seq);
        match entries.iter().find(|e| e.seq == self.seq) {
            None => Err(SealBreak::Truncated { sealed: self.seq, last }),
            Some(entry) if !entry.hash.starts_with(&self.hash) => Err(SealBreak::Diverged {
                seq: self.seq,
                sealed: self.hash.clone(),
                found: entry.hash[..SEAL_HASH_LENGTH.min(entry.hash.len())].to_owned(),
            }),
            Some(_) => Ok(()),
        }
    }
}

impl std::fmt::Display for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "tenderbench seal {} {}", self.seq, self.hash)
    }
}

/// Why a seal does not match the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealBreak {
    #[error("\"{line}\" is not a seal; a seal reads \"tenderbench seal <row> <hash>\"")]
    Malformed { line: String },
    #[error(
        "the seal is of audit log row {sealed}, but the file's log ends at row {last}: rows were removed, or this is an older copy of the file"
    )]
    Truncated { sealed: i64, last: i64 },
    #[error(
        "audit log row {seq} has hash {found}, but the seal says {sealed}: the log was rewritten after the seal was taken"
    )]
    Diverged { seq: i64, sealed: String, found: String },
    #[error("the document prints no seal, so it cannot be tied to the file's audit log")]
    Unsealed,
}

impl SealBreak {
    pub fn said(&self) -> Said {
        let da = match self {
            SealBreak::Malformed { line } => {
                format!("\"{line}\" er ikke et segl; et segl lyder \"tenderbench seal <række> <hash>\"")
            }
            SealBreak::Truncated { sealed, last } => format!(
                "seglet er af revisionssporets række {sealed}, men filens revisionsspor slutter ved række {last}: der \
                 er fjernet rækker, eller filen er en ældre kopi"
            ),
            SealBreak::Diverged { seq, sealed, found } => format!(
                "revisionssporets række {seq} har hashen {found}, men seglet siger {sealed}: revisionssporet er \
                 skrevet om, efter seglet blev taget"
            ),
            SealBreak::Unsealed => {
                "dokumentet viser intet segl og kan derfor ikke knyttes til filens revisionsspor".to_owned()
            }
        };
        Said::new(self.to_string(), da)
    }
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
            changes: None,
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
    fn a_seal_names_a_cut_back_and_a_rewritten_chain() {
        let first = entry(1, GENESIS);
        let second = entry(2, &first.hash);
        let seal = Seal::of(&[first.clone(), second.clone()]).unwrap();
        assert_eq!(Seal::parse(&format!("  {seal}  filed at award")), Ok(seal.clone()));
        assert_eq!(seal.verify(&[first.clone(), second.clone(), entry(3, &second.hash)]), Ok(()));
        assert_eq!(seal.verify(std::slice::from_ref(&first)), Err(SealBreak::Truncated { sealed: 2, last: 1 }));
        let rewritten = entry(2, GENESIS);
        assert!(matches!(seal.verify(&[first, rewritten]), Err(SealBreak::Diverged { seq: 2, .. })));
        assert!(matches!(Seal::parse("tenderbench seal 2 abc"), Err(SealBreak::Malformed { .. })));
    }

    #[test]
    fn none_and_empty_hash_differently() {
        let mut a = entry(1, GENESIS);
        a.old_value = Some(String::new());
        let b = entry(1, GENESIS);
        assert_ne!(chain_hash(GENESIS, &a), chain_hash(GENESIS, &b));
    }
}
