//! Proof that a PDF says what the tender file says: every line of the report's text form, recomputed from
//! the file, must appear in the PDF's text layer. Only whitespace is normalised, since the PDF wraps lines
//! and pads table columns; a number that differs is named, with what the PDF printed instead.

use super::model::Document;
use super::text;
use crate::locale::Said;
use std::path::Path;

/// The first line of the expected report that the PDF does not contain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Discrepancy {
    #[error("the PDF shows {found} where the tender file gives {expected}, in the line \"{line}\"")]
    Number { expected: String, found: String, line: String },
    #[error("the PDF lacks the line \"{line}\"")]
    Missing { line: String },
}

/// Checks `pdf_text` (the PDF's text layer, as [`pdftotext`] gives it) against the expected document.
impl Discrepancy {
    /// The discrepancy in English and Danish; the quoted line is the report's own, in its language.
    pub fn said(&self) -> Said {
        let da = match self {
            Discrepancy::Number { expected, found, line } => {
                format!("PDF'en viser {found}, hvor udbudsfilen giver {expected}, i linjen \"{line}\"")
            }
            Discrepancy::Missing { line } => format!("PDF'en mangler linjen \"{line}\""),
        };
        Said::new(self.to_string(), da)
    }
}

pub fn verify(expected: &Document, pdf_text: &str) -> Result<(), Discrepancy> {
    let furniture = [
        normalise(&expected.running_head()),
        normalise(&expected.file_line()),
        normalise(&expected.seal_line().unwrap_or_default()),
    ];
    let body = body_text(expected, pdf_text);
    for line in text::render(expected).lines().map(normalise) {
        if line.is_empty() || line.chars().all(|c| c == '=' || c == '-' || c == ' ') {
            continue;
        }
        // The running head and the file hash are printed on every page too, and body_text leaves those out.
        let haystack = if furniture.contains(&line) { normalise(pdf_text) } else { body.clone() };
        if !haystack.contains(&line) {
            return Err(discrepancy(&line, &haystack));
        }
    }
    Ok(())
}

/// The PDF's text without its running heads and footers, as one line with single spaces, so that a
/// paragraph broken across a page reads on.
fn body_text(expected: &Document, pdf_text: &str) -> String {
    let head = normalise(&expected.running_head());
    let text: Vec<String> =
        pdf_text.lines().map(normalise).filter(|line| *line != head && !is_footer(expected, line)).collect();
    text.join(" ")
}

/// Whether a line of the PDF's text is one of the footer's: the file's hash, the seal, or the page counter.
fn is_footer(expected: &Document, line: &str) -> bool {
    line.contains(&expected.file_sha256)
        || (!expected.seal.is_empty() && line.contains(&expected.seal))
        || is_page_counter(expected, line)
}

/// "Side 3 af 9" or "Page 3 of 9", as [`Document::page_counter`] words it.
fn is_page_counter(expected: &Document, line: &str) -> bool {
    let shape = expected.page_counter(1, 1);
    let words: Vec<&str> = shape.split(' ').collect();
    let found: Vec<&str> = line.split(' ').collect();
    words.len() == found.len()
        && words.iter().zip(&found).all(|(word, seen)| {
            if word.chars().all(|c| c.is_ascii_digit()) {
                !seen.is_empty() && seen.chars().all(|c| c.is_ascii_digit())
            } else {
                word == seen
            }
        })
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds the longest start of `line` that the PDF has and names the word that follows it there.
fn discrepancy(line: &str, haystack: &str) -> Discrepancy {
    let words: Vec<&str> = line.split(' ').collect();
    let missing = || Discrepancy::Missing { line: line.to_owned() };
    let Some(known) = (1..words.len()).rev().find(|k| haystack.contains(&words[..*k].join(" "))) else {
        return missing();
    };
    let prefix = words[..known].join(" ");
    let Some(at) = haystack.find(&prefix) else { return missing() };
    let found = haystack[at + prefix.len()..].split(' ').find(|w| !w.is_empty()).unwrap_or("");
    let expected = words[known];
    if expected.chars().any(|c| c.is_ascii_digit()) {
        Discrepancy::Number { expected: expected.to_owned(), found: found.to_owned(), line: line.to_owned() }
    } else {
        missing()
    }
}

/// The text layer of a PDF file by poppler's `pdftotext -raw`. Raw mode keeps the order of the content
/// stream, where the PDF renderer writes each table cell and each fact whole before the next, so a cell
/// that wraps still reads as one run of words.
pub fn pdftotext(pdf: &Path) -> std::io::Result<String> {
    let output = std::process::Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output()?;
    if !output.status.success() {
        return Err(std::io::Error::other(format!(
            "pdftotext could not read {}: {}",
            pdf.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_number_is_named_with_its_replacement() {
        let haystack = "1. Rangorden Leverandør A 7,50 1 Leverandør B 7,00 2";
        assert_eq!(
            discrepancy("Leverandør A 7,40 1", haystack),
            Discrepancy::Number { expected: "7,40".into(), found: "7,50".into(), line: "Leverandør A 7,40 1".into() }
        );
        assert_eq!(
            discrepancy("Leverandør C 6,00", haystack),
            Discrepancy::Missing { line: "Leverandør C 6,00".into() }
        );
    }
}
