-- Format version 8: announced life-cycle cost lines beyond the fixed yearly costs.
--
-- A lot's cost lines, in the order announced: a cost in the years from_year to to_year (a service agreement
-- after the warranty), a one-off where they are equal (an overhaul in year 5), and with a volume a unit price
-- against an announced yearly volume. per says whether the bidder's amount is per unit or for all units.
CREATE TABLE lcc_cost (
    lot_id    INTEGER NOT NULL REFERENCES lot(id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    name_da   TEXT NOT NULL DEFAULT '',
    name_en   TEXT NOT NULL DEFAULT '',
    per       TEXT NOT NULL CHECK (per IN ('unit', 'total')),
    from_year INTEGER NOT NULL,
    to_year   INTEGER NOT NULL,
    volume    TEXT,
    PRIMARY KEY (lot_id, code)
);

-- Each bid's amount for a cost line of its lot, keyed by the line's code as the bid workbook names it.
CREATE TABLE lcc_cost_amount (
    bid_id INTEGER NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
    code   TEXT NOT NULL,
    amount TEXT NOT NULL,
    PRIMARY KEY (bid_id, code)
);
