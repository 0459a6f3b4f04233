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
