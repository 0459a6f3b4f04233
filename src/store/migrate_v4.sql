-- Format version 4: what was published. Each time a lot is published (its model locked), the terms the
-- bidders were given are kept as they were announced: the model, the requirements and the price schedule,
-- as one JSON text. An unlock writes its time, who and why into the publication it ends, so the report can
-- show the model as first published and every change made after it.
CREATE TABLE publication (
    id            INTEGER PRIMARY KEY,
    lot_id        INTEGER NOT NULL REFERENCES lot(id) ON DELETE CASCADE,
    published_at  TEXT NOT NULL,
    published_by  TEXT NOT NULL,
    terms         TEXT NOT NULL,
    unlocked_at   TEXT,
    unlocked_by   TEXT,
    unlock_reason TEXT
);
CREATE INDEX publication_lot ON publication (lot_id, id);
