-- Format version 5: the bidder's own workbook. Each imported bid keeps the bytes of the workbook it was read
-- from: a bid is archive material, and when a bidder disputes a value the consultant needs the original.
-- The change log cannot hold bytes, so it logs the row; the bytes are vouched for by bid.source_sha256,
-- which is logged, and `check` hashes them and reads them again against the stored answers and prices.
CREATE TABLE bid_original (
    bid_id INTEGER PRIMARY KEY REFERENCES bid(id) ON DELETE CASCADE,
    bytes  BLOB NOT NULL
);
