//! The report as an A4 PDF, laid out here and written with printpdf.
//!
//! Layout runs once over the model and places every mark on its page; the page furniture (running head,
//! "page x of y", the file hash) and the page numbers in the table of contents are filled in afterwards,
//! when the number of pages and the page of every section are known. Widths come from the embedded font's
//! own glyph advances, so wrapped lines and right-aligned numbers sit where the viewer draws them.
//!
//! The output is deterministic: font resource names, the creation date and the document ID all come from
//! the model (and so from the tender file), never from the clock or a random generator.

use super::model::{Align, BarChart, Block, Document, Fact, Table};
use crate::locale::Said;
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};
use std::sync::OnceLock;

const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const LEFT: f32 = 56.7;
const RIGHT: f32 = PAGE_WIDTH - 56.7;
const TOP: f32 = PAGE_HEIGHT - 68.0;
const BOTTOM: f32 = 62.0;
const BODY_SIZE: f32 = 9.5;
const TABLE_SIZE: f32 = 8.5;
const CELL_PAD: f32 = 3.5;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded font {0} could not be read")]
    Font(&'static str),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

impl PdfError {
    pub fn said(&self) -> Said {
        let da = match self {
            PdfError::Font(name) => format!("den indlejrede skrifttype {name} kunne ikke læses"),
            PdfError::Write(message) => format!("PDF'en kunne ikke skrives: {message}"),
        };
        Said::new(self.to_string(), da)
    }
}

/// A font face with its advances, parsed once per process: parsing DejaVu Sans costs more than laying out a
/// letter.
struct Face {
    font: ParsedFont,
    id: FontId,
    units_per_em: f32,
    /// Advances of the first code points, looked up without a cmap search; the rest are looked up as needed.
    common: Vec<u16>,
}

impl Face {
    fn load(bytes: &[u8], id: &str, name: &'static str) -> Result<Face, PdfError> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(PdfError::Font(name))?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em);
        let mut face = Face { font, id: FontId(id.to_owned()), units_per_em, common: Vec::new() };
        face.common = (0..0x250u32).map(|c| face.lookup(c)).collect();
        Ok(face)
    }

    fn lookup(&self, code: u32) -> u16 {
        self.font.lookup_glyph_index(code).map(|g| self.font.get_horizontal_advance(g)).unwrap_or(0)
    }

    fn units(&self, c: char) -> u32 {
        u32::from(self.common.get(c as usize).copied().unwrap_or_else(|| self.lookup(c as u32)))
    }

    fn advance(&self, c: char, size: f32) -> f32 {
        self.units(c) as f32 * size / self.units_per_em
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.units(c)).sum::<u32>() as f32 * size / self.units_per_em
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

fn fonts() -> Result<&'static Fonts, PdfError> {
    static FONTS: OnceLock<Result<Fonts, &'static str>> = OnceLock::new();
    // The resource names double as the six-letter subset tags printpdf writes before the font name.
    FONTS
        .get_or_init(|| {
            let regular = Face::load(REGULAR_TTF, "TBREGU", "DejaVu Sans").map_err(|_| "DejaVu Sans")?;
            let bold = Face::load(BOLD_TTF, "TBBOLD", "DejaVu Sans Bold").map_err(|_| "DejaVu Sans Bold")?;
            Ok(Fonts { regular, bold })
        })
        .as_ref()
        .map_err(|name| PdfError::Font(name))
}

/// Something placed on a page, in points from the bottom left corner.
enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: f32,
        text: String,
    },
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        colour: [f32; 3],
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        grey: f32,
    },
    /// The page number of a section in the table of contents, known only when layout is done.
    ContentsPage {
        section: usize,
        y: f32,
    },
}

/// The layout state: pages so far and the top of the free space on the last one.
struct Flow<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Mark>>,
    y: f32,
    section_pages: Vec<usize>,
}

impl<'a> Flow<'a> {
    fn new(fonts: &'a Fonts) -> Flow<'a> {
        Flow { fonts, pages: vec![Vec::new()], y: TOP, section_pages: Vec::new() }
    }

    fn face(&self, bold: bool) -> &'a Face {
        if bold { &self.fonts.bold } else { &self.fonts.regular }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits below the cursor.
    fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    fn mark(&mut self, mark: Mark) {
        self.pages.last_mut().expect("layout always has a page").push(mark);
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, bold: bool, text: &str) {
        if !text.is_empty() {
            self.mark(Mark::Text { x, y: baseline, size, bold, grey: 0.0, text: text.to_owned() });
        }
    }

    /// Breaks `text` into lines no wider than `width`, at spaces, and inside a word only when the word alone
    /// is wider than the line.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let face = self.face(bold);
        let space = face.width(" ", size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            // Leading spaces indent the first line, as they do for sub-criteria under their criterion.
            let indent = paragraph.len() - paragraph.trim_start_matches(' ').len();
            let mut line = " ".repeat(indent);
            let mut used = space * indent as f32;
            for word in paragraph.split_whitespace() {
                let word_width = face.width(word, size);
                let gap = if line.trim().is_empty() { 0.0 } else { space };
                if used + gap + word_width <= width {
                    if gap > 0.0 {
                        line.push(' ');
                    }
                    line.push_str(word);
                    used += gap + word_width;
                    continue;
                }
                if !line.trim().is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                for c in word.chars() {
                    let advance = face.advance(c, size);
                    if !line.trim().is_empty() && used + advance > width {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    line.push(c);
                    used += advance;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Lines of running text that may break across pages.
    fn lines(&mut self, text: &str, x: f32, width: f32, size: f32, bold: bool) {
        let leading = size * 1.4;
        for line in self.wrap(text, size, bold, width) {
            self.ensure(leading);
            self.text(x, self.y - size, size, bold, &line);
            self.y -= leading;
        }
    }

    fn title_page(&mut self, document: &Document) {
        self.lines(&document.heading, LEFT, RIGHT - LEFT, 20.0, true);
        self.y -= 4.0;
        self.lines(&document.running_head(), LEFT, RIGHT - LEFT, 12.0, false);
        self.y -= 6.0;
        for line in &document.preamble {
            self.lines(line, LEFT, RIGHT - LEFT, BODY_SIZE, false);
        }
        if document.table_of_contents {
            self.y -= 16.0;
            self.lines(document.contents_title(), LEFT, RIGHT - LEFT, 13.0, true);
            self.y -= 4.0;
            for (index, section) in document.sections.iter().enumerate() {
                self.ensure(15.0);
                let entry = format!("{}. {}", index + 1, section.title);
                self.text(LEFT, self.y - 10.0, 10.0, false, &entry);
                self.mark(Mark::ContentsPage { section: index, y: self.y - 10.0 });
                self.y -= 15.0;
            }
            self.new_page();
        }
    }

    fn section(&mut self, number: usize, title: &str, blocks: &[Block]) {
        let heading = format!("{number}. {title}");
        let gap = if self.y < TOP { 14.0 } else { 0.0 };
        // A heading is never left alone at the foot of a page: it goes where the start of its section fits.
        self.ensure(gap + self.height(&heading, 14.0, true) + 4.0 + self.lead(blocks));
        if self.y < TOP {
            self.y -= 14.0;
        }
        self.section_pages.push(self.pages.len() - 1);
        self.lines(&heading, LEFT, RIGHT - LEFT, 14.0, true);
        self.y -= 4.0;
        for (index, block) in blocks.iter().enumerate() {
            self.block(block, &blocks[index + 1..]);
            self.y -= 8.0;
        }
    }

    /// The height of `text` wrapped across the full text width.
    fn height(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.wrap(text, size, bold, RIGHT - LEFT).len() as f32 * size * 1.4
    }

    /// The height of the start of `blocks` that a heading above them keeps with it: a paragraph's first two
    /// lines, the first fact, a table's header and first row, a chart's caption and first group, and through
    /// a subheading the start of what it heads.
    fn lead(&self, blocks: &[Block]) -> f32 {
        let Some(first) = blocks.first() else { return 0.0 };
        match first {
            Block::Subheading(text) => 4.0 + self.height(text, 11.0, true) + 8.0 + self.lead(&blocks[1..]),
            Block::Paragraph(text) => {
                self.wrap(text, BODY_SIZE, false, RIGHT - LEFT).len().min(2) as f32 * BODY_SIZE * 1.4
            }
            Block::Facts(facts) => facts.first().map_or(0.0, |fact| self.fact_height(fact)),
            Block::Table(table) => self.table_lead(table, &self.edges(table)),
            Block::BarChart(chart) => self.chart_lead(chart),
        }
    }

    fn chart_lead(&self, chart: &BarChart) -> f32 {
        self.height(&chart.caption, 10.0, true)
            + 2.0
            + chart.groups.first().map_or(0.0, |group| 16.0 + 13.0 * group.bars.len() as f32)
    }

    fn block(&mut self, block: &Block, rest: &[Block]) {
        match block {
            Block::Subheading(text) => {
                // A subheading keeps the start of what it heads, such as a table's header and first row.
                self.ensure(4.0 + self.height(text, 11.0, true) + 8.0 + self.lead(rest));
                self.y -= 4.0;
                self.lines(text, LEFT, RIGHT - LEFT, 11.0, true);
            }
            Block::Paragraph(text) => self.lines(text, LEFT, RIGHT - LEFT, BODY_SIZE, false),
            Block::Facts(facts) => self.facts(facts),
            Block::Table(table) => self.table(table),
            Block::BarChart(chart) => self.bar_chart(chart),
        }
    }

    fn fact_lines(&self, fact: &Fact) -> (Vec<String>, Vec<String>) {
        let label_width = (RIGHT - LEFT) * 0.34;
        (
            self.wrap(&fact.labelled(), BODY_SIZE, true, label_width - 8.0),
            self.wrap(&fact.value, BODY_SIZE, false, RIGHT - LEFT - label_width),
        )
    }

    fn fact_height(&self, fact: &Fact) -> f32 {
        let (labels, values) = self.fact_lines(fact);
        labels.len().max(values.len()) as f32 * BODY_SIZE * 1.4
    }

    fn facts(&mut self, facts: &[Fact]) {
        let label_width = (RIGHT - LEFT) * 0.34;
        let leading = BODY_SIZE * 1.4;
        for fact in facts {
            let (labels, values) = self.fact_lines(fact);
            let rows = labels.len().max(values.len());
            self.ensure(leading * rows as f32);
            // The label's lines go out before the value's, so the text layer reads each of them whole.
            for (row, label) in labels.iter().enumerate() {
                self.text(LEFT, self.y - BODY_SIZE - leading * row as f32, BODY_SIZE, true, label);
            }
            for (row, value) in values.iter().enumerate() {
                self.text(LEFT + label_width, self.y - BODY_SIZE - leading * row as f32, BODY_SIZE, false, value);
            }
            self.y -= leading * rows as f32;
        }
    }

    /// The columns' edges, from the left margin to the right, each column as wide as its share.
    fn edges(&self, table: &Table) -> Vec<f32> {
        let total: u32 = table.columns.iter().map(|c| c.share.max(1)).sum();
        let mut edges = vec![LEFT];
        for column in &table.columns {
            let last = *edges.last().expect("edges start with the left margin");
            edges.push(last + (RIGHT - LEFT) * column.share.max(1) as f32 / total as f32);
        }
        edges
    }

    fn header_lines(&self, table: &Table, edges: &[f32]) -> Vec<Vec<String>> {
        let header: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        self.cells(table, &header, edges, true)
    }

    /// A table's header with its first row: a header never stands alone at the foot of a page.
    fn table_lead(&self, table: &Table, edges: &[f32]) -> f32 {
        let first = table.rows.first().map_or(0.0, |row| row_height(&self.cells(table, row, edges, false)));
        row_height(&self.header_lines(table, edges)) + first
    }

    fn table(&mut self, table: &Table) {
        let edges = self.edges(table);
        let header_lines = self.header_lines(table, &edges);
        self.ensure(self.table_lead(table, &edges));
        self.table_row(table, &header_lines, &edges, true);
        for row in &table.rows {
            let lines = self.cells(table, row, &edges, false);
            let height = row_height(&lines);
            if self.y - height < BOTTOM {
                // The header row is repeated at the top of every page the table continues on.
                self.new_page();
                self.table_row(table, &header_lines, &edges, true);
            }
            self.table_row(table, &lines, &edges, false);
        }
    }

    fn cells(&self, table: &Table, row: &[String], edges: &[f32], bold: bool) -> Vec<Vec<String>> {
        (0..table.columns.len())
            .map(|i| {
                let text = row.get(i).map(String::as_str).unwrap_or("");
                self.wrap(text, TABLE_SIZE, bold, edges[i + 1] - edges[i] - 2.0 * CELL_PAD)
            })
            .collect()
    }

    fn table_row(&mut self, table: &Table, cells: &[Vec<String>], edges: &[f32], header: bool) {
        let height = row_height(cells);
        if header {
            self.mark(Mark::Fill {
                x: LEFT,
                y: self.y - height,
                width: RIGHT - LEFT,
                height,
                colour: [0.90, 0.92, 0.95],
            });
        }
        let face = self.face(header);
        for (i, lines) in cells.iter().enumerate() {
            for (n, line) in lines.iter().enumerate() {
                let baseline = self.y - CELL_PAD - TABLE_SIZE - n as f32 * TABLE_SIZE * 1.3;
                let x = match table.columns[i].align {
                    Align::Left => edges[i] + CELL_PAD,
                    Align::Right => edges[i + 1] - CELL_PAD - face.width(line, TABLE_SIZE),
                };
                self.text(x, baseline, TABLE_SIZE, header, line);
            }
        }
        self.y -= height;
        self.mark(Mark::Rule { x1: LEFT, x2: RIGHT, y: self.y, grey: if header { 0.45 } else { 0.82 } });
    }

    fn bar_chart(&mut self, chart: &BarChart) {
        let label_width = (RIGHT - LEFT) * 0.30;
        let value_room = 48.0;
        let bar_left = LEFT + label_width;
        let bar_span = RIGHT - value_room - bar_left;
        let max = f32::try_from(chart.max).unwrap_or(1.0).max(f32::MIN_POSITIVE);
        self.ensure(self.chart_lead(chart));
        self.lines(&chart.caption, LEFT, RIGHT - LEFT, 10.0, true);
        self.y -= 2.0;
        for group in &chart.groups {
            let row = 13.0;
            self.ensure(16.0 + row * group.bars.len() as f32);
            self.lines(&group.label, LEFT, RIGHT - LEFT, 9.0, true);
            for bar in &group.bars {
                let baseline = self.y - 9.5;
                let label = self.wrap(&bar.label, TABLE_SIZE, false, label_width - 6.0);
                self.text(LEFT + 8.0, baseline, TABLE_SIZE, false, &label[0]);
                let value = f32::try_from(bar.value).unwrap_or(0.0).clamp(0.0, max);
                let length = bar_span * value / max;
                self.mark(Mark::Fill {
                    x: bar_left,
                    y: self.y - 10.5,
                    width: length,
                    height: 8.5,
                    colour: [0.20, 0.40, 0.64],
                });
                self.text(bar_left + length + 4.0, baseline, TABLE_SIZE, false, &bar.text);
                self.y -= row;
            }
            self.y -= 4.0;
        }
    }
}

fn row_height(cells: &[Vec<String>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    2.0 * CELL_PAD + TABLE_SIZE + (lines - 1) as f32 * TABLE_SIZE * 1.3 + 2.0
}

/// Lays the document out and writes it as PDF bytes.
pub fn render(document: &Document) -> Result<Vec<u8>, PdfError> {
    render_counted(document).map(|(bytes, _)| bytes)
}

/// Like [`render`], and also says how many pages the PDF has.
pub fn render_counted(document: &Document) -> Result<(Vec<u8>, usize), PdfError> {
    let fonts = fonts()?;
    let mut flow = Flow::new(fonts);
    flow.title_page(document);
    for (index, section) in document.sections.iter().enumerate() {
        flow.section(index + 1, &section.title, &section.blocks);
    }
    let count = flow.pages.len();
    let pages: Vec<PdfPage> = flow
        .pages
        .iter()
        .enumerate()
        .map(|(index, marks)| {
            let mut ops = Vec::with_capacity(marks.len() * 4 + 16);
            furniture(document, fonts, index + 1, count, &mut ops);
            emit(marks, &flow.section_pages, fonts, &mut ops);
            PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops)
        })
        .collect();

    let mut pdf = PdfDocument::new(&document.heading);
    for face in [&fonts.regular, &fonts.bold] {
        pdf.resources.fonts.map.insert(face.id.clone(), printpdf::PdfFont::new(face.font.clone()));
    }
    let info = &mut pdf.metadata.info;
    info.document_title = format!("{} – {}", document.heading, document.tender_title);
    info.subject = document.running_head();
    info.creator = "Tenderbench".to_owned();
    info.producer = "Tenderbench".to_owned();
    info.identifier = document.file_sha256.clone();
    let as_of = chrono::DateTime::parse_from_rfc3339(&document.as_of).map(|t| t.timestamp()).unwrap_or(0);
    let stamp = printpdf::OffsetDateTime::from_unix_timestamp(as_of).map_err(|e| PdfError::Write(e.into()))?;
    info.creation_date = stamp;
    info.modification_date = stamp;
    info.metadata_date = stamp;
    pdf.pages = pages;
    // One bookmark per section, so a reader can jump through a long report from the viewer's outline.
    for (index, (section, page)) in document.sections.iter().zip(&flow.section_pages).enumerate() {
        let annotation = printpdf::PageAnnotation { name: format!("{}. {}", index + 1, section.title), page: page + 1 };
        pdf.bookmarks.map.insert(printpdf::PageAnnotId(format!("section{index:04}")), annotation);
    }

    let options = PdfSaveOptions { subset_fonts: true, optimize: true, ..Default::default() };
    let mut warnings = Vec::new();
    let mut saved = pdf.to_lopdf_document(&options, &mut warnings);
    // printpdf draws the trailer ID at random; a document's ID is its content, so take it from the model.
    let id = document_id(document);
    saved.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    saved.compress();
    let mut bytes = Vec::new();
    saved.save_to(&mut bytes).map_err(|e| PdfError::Write(e.to_string()))?;
    Ok((bytes, count))
}

/// Sixteen bytes naming this document: the tender file's hash mixed with what sets this document apart
/// from the others made from the same file (the heading, language and addressee).
fn document_id(document: &Document) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in [&document.file_sha256, &document.heading, &document.lang.code().to_owned()] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    for line in &document.preamble {
        hasher.update(line.as_bytes());
        hasher.update([0x1f]);
    }
    hasher.finalize()[..16].to_vec()
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// The running head, the footer's file hash and the page counter.
fn furniture(document: &Document, fonts: &Fonts, page: usize, pages: usize, ops: &mut Vec<Op>) {
    let counter = document.page_counter(page, pages);
    let marks = [
        Mark::Text {
            x: LEFT,
            y: PAGE_HEIGHT - 40.0,
            size: 8.0,
            bold: false,
            grey: 0.35,
            text: document.running_head(),
        },
        Mark::Rule { x1: LEFT, x2: RIGHT, y: PAGE_HEIGHT - 47.0, grey: 0.6 },
        Mark::Rule { x1: LEFT, x2: RIGHT, y: 46.0, grey: 0.6 },
        Mark::Text { x: LEFT, y: 34.0, size: 6.0, bold: false, grey: 0.35, text: document.file_line() },
        Mark::Text {
            x: LEFT,
            y: 27.0,
            size: 6.0,
            bold: false,
            grey: 0.35,
            text: document.seal_line().unwrap_or_default(),
        },
        Mark::Text {
            x: RIGHT - fonts.regular.width(&counter, 8.0),
            y: 34.0,
            size: 8.0,
            bold: false,
            grey: 0.2,
            text: counter,
        },
    ];
    emit(&marks, &[], fonts, ops);
}

/// Turns marks into PDF operations: shapes first, then all text in one text object.
fn emit(marks: &[Mark], section_pages: &[usize], fonts: &Fonts, ops: &mut Vec<Op>) {
    for mark in marks {
        match mark {
            Mark::Fill { x, y, width, height, colour } => {
                ops.push(Op::SetFillColor { col: Color::Rgb(Rgb::new(colour[0], colour[1], colour[2], None)) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(*y),
                        width: Pt(*width),
                        height: Pt(*height),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Mark::Rule { x1, x2, y, grey: level } => {
                ops.push(Op::SetOutlineColor { col: grey(*level) });
                ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
                let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(*y) }, bezier: false };
                ops.push(Op::DrawLine { line: Line { points: vec![point(*x1), point(*x2)], is_closed: false } });
            }
            Mark::Text { .. } | Mark::ContentsPage { .. } => {}
        }
    }
    let mut started = false;
    let mut font: Option<(bool, f32)> = None;
    let mut colour: Option<f32> = None;
    for mark in marks {
        let (x, y, size, bold, level, text) = match mark {
            Mark::Text { x, y, size, bold, grey, text } => (*x, *y, *size, *bold, *grey, text.clone()),
            Mark::ContentsPage { section, y } => {
                let number = section_pages.get(*section).map(|p| (p + 1).to_string()).unwrap_or_default();
                (RIGHT - fonts.regular.width(&number, 10.0), *y, 10.0, false, 0.0, number)
            }
            Mark::Fill { .. } | Mark::Rule { .. } => continue,
        };
        if !started {
            ops.push(Op::StartTextSection);
            started = true;
        }
        if font != Some((bold, size)) {
            let face = if bold { &fonts.bold } else { &fonts.regular };
            ops.push(Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(size) });
            font = Some((bold, size));
        }
        if colour != Some(level) {
            ops.push(Op::SetFillColor { col: grey(level) });
            colour = Some(level);
        }
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(y)) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(text)] });
    }
    if started {
        ops.push(Op::EndTextSection);
    }
}
