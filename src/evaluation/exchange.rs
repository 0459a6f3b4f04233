//! The evaluation exchange file (`docs/evaluation-format.md`): reading and writing an [`EvaluationInput`]
//! as JSON, and the result document `tenderbench evaluate` prints.
//!
//! These are pure functions on strings, so the tender-file store can build an input from its tables and
//! export it, and `evaluate FILE.tender` can give the same result as the exported JSON.

use super::{EvaluationError, EvaluationInput, EvaluationResult, ScoreSpread, Sensitivity};
use serde::Serialize;

/// Reads an exchange file. Malformed JSON, a wrong type, or a non-integer JSON number (decimals must be
/// written as strings, so nothing passes through binary floating point) is reported with line and column.
pub fn parse_input(text: &str) -> Result<EvaluationInput, EvaluationError> {
    let input = serde_json::from_str(text).map_err(|e| EvaluationError::Json {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    match first_fractional_number(text) {
        Some((line, column)) => Err(EvaluationError::Json {
            line,
            column,
            message: "a number with a fraction or exponent must be written as a string, e.g. \"12.5\"".to_owned(),
        }),
        None => Ok(input),
    }
}

/// Writes an input as an exchange file; `parse_input` reads it back to an equal input.
pub fn write_input(input: &EvaluationInput) -> String {
    serde_json::to_string_pretty(input).expect("the input types serialise to JSON without fail")
}

/// The result document: the result's fields, the spreads of individual scores and, when asked for,
/// `sensitivity`.
#[derive(Serialize)]
struct ResultDocument<'a> {
    currency: &'a str,
    #[serde(flatten)]
    result: &'a EvaluationResult,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    score_spreads: &'a [ScoreSpread],
    #[serde(skip_serializing_if = "Option::is_none")]
    sensitivity: Option<&'a Sensitivity>,
}

pub fn write_result(
    currency: &str,
    result: &EvaluationResult,
    score_spreads: &[ScoreSpread],
    sensitivity: Option<&Sensitivity>,
) -> String {
    let document = ResultDocument { currency, result, score_spreads, sensitivity };
    serde_json::to_string_pretty(&document).expect("the result types serialise to JSON without fail")
}

/// serde_json appends " at line L column C" to its messages; the error carries those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Position (1-based line and column, in characters) of the first JSON number outside a string that has a
/// fraction or an exponent. Only called on text serde_json has accepted, so the scan can assume well-formed
/// JSON. It walks bytes rather than characters, since everything it looks for is ASCII; a byte that
/// continues a multi-byte character does not advance the column.
fn first_fractional_number(text: &str) -> Option<(usize, usize)> {
    let (mut line, mut column) = (1, 0);
    let (mut in_string, mut escaped) = (false, false);
    let mut number_start: Option<(usize, usize)> = None;
    for &byte in text.as_bytes() {
        if byte == b'\n' {
            line += 1;
            column = 0;
        } else if byte & 0xC0 != 0x80 {
            column += 1;
        }
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'-' | b'0'..=b'9' if number_start.is_none() => number_start = Some((line, column)),
            b'.' | b'e' | b'E' if number_start.is_some() => return number_start,
            b'0'..=b'9' | b'+' | b'-' => {}
            _ => number_start = None,
        }
    }
    None
}
