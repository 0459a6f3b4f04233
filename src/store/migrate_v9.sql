-- Format version 9: the tender documents as published.
--
-- Publishing a lot keeps its evaluation-model chapter and its requirement specification, in Danish and in
-- English, as the text the bidders received, with the SHA-256 of that text. The text leaves out what only
-- names the file it was made from (the file's hash, the seal, the time), so the same terms always give the
-- same text and hash, and `check` can make the documents again and compare.
CREATE TABLE published_document (
    publication_id INTEGER NOT NULL REFERENCES publication(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('evaluation_model', 'requirement_specification')),
    lang           TEXT NOT NULL CHECK (lang IN ('da', 'en')),
    title          TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    content        TEXT NOT NULL,
    PRIMARY KEY (publication_id, kind, lang)
);

-- The questions bidders ask in the tender period and the authority's answers (spørgsmål og svar), numbered
-- in the order received. The asker is kept for the authority's own file only; the list published to all
-- bidders leaves it out. changes_documents marks an answer that changes the tender documents (rettelsesblad).
CREATE TABLE question (
    number            INTEGER PRIMARY KEY,
    received_on       TEXT NOT NULL,
    asker             TEXT NOT NULL DEFAULT '',
    text              TEXT NOT NULL,
    answered_on       TEXT,
    answer            TEXT,
    changes_documents INTEGER NOT NULL DEFAULT 0 CHECK (changes_documents IN (0, 1))
);

-- The ranges a lot announces for criteria's weights instead of one weight (Directive 2014/24/EU art. 67(5)),
-- in the unit of the criterion's weight among its siblings.
CREATE TABLE weight_range (
    lot_id   INTEGER NOT NULL REFERENCES lot(id) ON DELETE CASCADE,
    code     TEXT NOT NULL,
    position INTEGER NOT NULL,
    min      TEXT NOT NULL,
    max      TEXT NOT NULL,
    PRIMARY KEY (lot_id, code)
);
