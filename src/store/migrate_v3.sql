-- Format version 3: the change log. Triggers on every data table append the new content of each row they
-- touch (NULL for a removed row), and each audit row covers the change rows of its transaction by count and
-- digest, so that `check` can rebuild every table from the log and find a change made behind its back.
-- The triggers are made from the tables' own columns by the code that opens the file (change_log.rs).
CREATE TABLE change_row (
    id      INTEGER PRIMARY KEY,
    tbl     TEXT NOT NULL,
    key     TEXT NOT NULL,
    content TEXT
);

CREATE TRIGGER change_row_no_update BEFORE UPDATE ON change_row
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_row_no_delete BEFORE DELETE ON change_row
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

ALTER TABLE audit_log ADD COLUMN changes_to INTEGER;
ALTER TABLE audit_log ADD COLUMN changes_sha256 TEXT;
