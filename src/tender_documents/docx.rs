//! A [`Document`] as a Word file (.docx), for the consultant to paste into the authority's own template.
//!
//! Pasting keeps the look of the template only when the text carries the template's own styles, so every
//! paragraph names a built-in Word style (Normal, Heading 1–3, Table Grid) and nothing sets fonts, sizes,
//! margins or a page size: the receiving template decides all of that. The document's heading is Heading 1,
//! each section Heading 2 and each subheading Heading 3; the first row of every table is marked as a header
//! row (`w:tblHeader`), so Word repeats it on every page the table runs onto.
//!
//! The WordprocessingML is written here on top of the `zip` crate. docx-rs, the usual Rust writer, was
//! checked first: its table rows (0.4.22) cannot be marked as header rows, which the tender documents need.

use crate::locale::Lang;
use crate::report::model::{Align, Block, Document, Table};
use std::io::Write;
use zip::write::SimpleFileOptions;

/// Writes `document` as the bytes of a .docx file. The same document always gives the same bytes: the
/// archive's entries carry a fixed time rather than the clock's.
pub fn render(document: &Document) -> Result<Vec<u8>, zip::result::ZipError> {
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", PACKAGE_RELATIONSHIPS.to_owned()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELATIONSHIPS.to_owned()),
        ("word/styles.xml", styles(document.lang)),
        ("docProps/core.xml", core_properties(document)),
        ("word/document.xml", body(document)),
    ] {
        archive.start_file(name, options)?;
        archive.write_all(content.as_bytes())?;
    }
    Ok(archive.finish()?.into_inner())
}

const MAIN: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const PACKAGE_RELATIONSHIPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELATIONSHIPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Word's built-in styles under their built-in names, so that a template's own definitions of Normal,
/// heading 1–3 and Table Grid take over when the text is pasted into it. Only what makes the structure
/// readable on its own is set: headings bold and kept with the next paragraph, the grid's borders, and the
/// text's language, so that Word checks the spelling in the right dictionary.
fn styles(lang: Lang) -> String {
    let language = lang.pick("da-DK", "en-GB");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{MAIN}"><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="{language}"/></w:rPr></w:rPrDefault></w:docDefaults>{STYLE_DEFINITIONS}</w:styles>"#
    )
}

const STYLE_DEFINITIONS: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>"#;

/// The document's title and language in the package properties, where Word and the case-file system
/// (ESDH) read them.
fn core_properties(document: &Document) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:language>{}</dc:language></cp:coreProperties>"#,
        escape(&document.heading),
        escape(&document.running_head()),
        document.lang.code()
    )
}

/// The body: the heading and preamble, the numbered sections as the text and PDF forms number them, and
/// at the end the tender file's hash and seal, which tie the pasted text to the file it was made from.
fn body(document: &Document) -> String {
    let mut out =
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{MAIN}"><w:body>"#);
    paragraph(&mut out, Some("Heading1"), &[(false, &document.heading)], Align::Left);
    paragraph(&mut out, None, &[(false, &document.running_head())], Align::Left);
    for line in &document.preamble {
        paragraph(&mut out, None, &[(false, line)], Align::Left);
    }
    for (index, section) in document.sections.iter().enumerate() {
        paragraph(&mut out, Some("Heading2"), &[(false, &format!("{}. {}", index + 1, section.title))], Align::Left);
        for block in &section.blocks {
            match block {
                Block::Subheading(text) => paragraph(&mut out, Some("Heading3"), &[(false, text)], Align::Left),
                Block::Paragraph(text) => paragraph(&mut out, None, &[(false, text)], Align::Left),
                Block::Facts(facts) => {
                    for fact in facts {
                        let label = format!("{} ", fact.labelled());
                        paragraph(&mut out, None, &[(true, &label), (false, &fact.value)], Align::Left);
                    }
                }
                Block::Table(table) => self::table(&mut out, table),
                Block::BarChart(chart) => {
                    paragraph(&mut out, None, &[(true, &chart.caption)], Align::Left);
                    for group in &chart.groups {
                        for bar in &group.bars {
                            let line = format!("{}: {} {}", group.label, bar.label, bar.text);
                            paragraph(&mut out, None, &[(false, &line)], Align::Left);
                        }
                    }
                }
            }
        }
    }
    paragraph(&mut out, None, &[(false, &document.file_line())], Align::Left);
    if let Some(seal) = document.seal_line() {
        paragraph(&mut out, None, &[(false, &seal)], Align::Left);
    }
    out.push_str("</w:body></w:document>");
    out
}

/// One paragraph of `runs`, each bold or not, in `style` (Normal when `None`).
fn paragraph(out: &mut String, style: Option<&str>, runs: &[(bool, &str)], align: Align) {
    out.push_str("<w:p>");
    if style.is_some() || align == Align::Right {
        out.push_str("<w:pPr>");
        if let Some(style) = style {
            out.push_str(&format!(r#"<w:pStyle w:val="{style}"/>"#));
        }
        if align == Align::Right {
            out.push_str(r#"<w:jc w:val="right"/>"#);
        }
        out.push_str("</w:pPr>");
    }
    for (bold, text) in runs {
        out.push_str("<w:r>");
        if *bold {
            out.push_str("<w:rPr><w:b/></w:rPr>");
        }
        out.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t></w:r>"#, escape(text)));
    }
    out.push_str("</w:p>");
}

/// Twentieths of a point across the columns of a table: the text width of an A4 page with 2.5 cm margins.
/// Word takes the columns' shares from it and fits the table to the template's own width (100 %).
const TABLE_TWIPS: u32 = 9_638;

fn table(out: &mut String, table: &Table) {
    let shares: u32 = table.columns.iter().map(|c| c.share).sum::<u32>().max(1);
    out.push_str(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
    );
    for column in &table.columns {
        out.push_str(&format!(r#"<w:gridCol w:w="{}"/>"#, TABLE_TWIPS * column.share / shares));
    }
    out.push_str("</w:tblGrid>");
    out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for column in &table.columns {
        cell(out, column.share * TABLE_TWIPS / shares, true, &column.title, column.align);
    }
    out.push_str("</w:tr>");
    for row in &table.rows {
        out.push_str("<w:tr>");
        for (column, text) in table.columns.iter().zip(row) {
            cell(out, column.share * TABLE_TWIPS / shares, false, text, column.align);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word runs two tables in a row into one; an empty paragraph keeps them apart.
    out.push_str("<w:p/>");
}

fn cell(out: &mut String, width: u32, bold: bool, text: &str, align: Align) {
    out.push_str(&format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>"#));
    paragraph(out, None, &[(bold, text)], align);
    out.push_str("</w:tc>");
}

/// Text as XML character data. Control characters other than tab and line breaks are not allowed in XML
/// 1.0 at all, so they are left out rather than make Word refuse the file.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(escape("Bølge & Ekko <ApS> \"x\"\u{1}"), "Bølge &amp; Ekko &lt;ApS&gt; &quot;x&quot;");
    }
}
