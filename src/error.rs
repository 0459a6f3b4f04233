//! The closed set of error kinds that leave the core: the app branches on them, the CLI maps them to exit
//! codes. Nobody matches on message text.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input breaks a rule of the domain; the message says which and where.
    Validation,
    /// A file or an entity named in the request does not exist.
    NotFound,
    /// The tender file was written by a newer Tenderbench.
    FileTooNew,
    /// The file is not a tender file, or is damaged.
    NotATenderFile,
    /// Another program has the tender file open.
    Locked,
    /// An import found errors and wrote nothing.
    ImportRejected,
    /// The change is allowed only when the consultant confirms it a second time, such as changing a
    /// published lot's terms after the bids are in.
    NeedsConfirmation,
    /// Anything else; a bug or an I/O failure.
    Internal,
}
