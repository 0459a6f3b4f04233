-- Format version 7: what the art. 84 record and a tie need beyond the evaluation.
--
-- The share of the contract a bidder intends to subcontract, as it declared it in the bid workbook
-- (art. 84(1)(e) of Directive 2014/24/EU), with the subcontractors it named. No row: the bid does not say.
CREATE TABLE subcontracting (
    bid_id         INTEGER PRIMARY KEY REFERENCES bid(id) ON DELETE CASCADE,
    share          TEXT NOT NULL,
    subcontractors TEXT NOT NULL DEFAULT ''
);

-- The result of the selection of each tenderer (art. 84(1)(b) and (c)): whether it met the suitability
-- criteria and the exclusion grounds were found not to apply, and the authority's reasons.
CREATE TABLE selection (
    bid_id    INTEGER PRIMARY KEY REFERENCES bid(id) ON DELETE CASCADE,
    qualified INTEGER NOT NULL CHECK (qualified IN (0, 1)),
    reason    TEXT NOT NULL
);

-- A draw by lot held under the tender's tie-break rule: the tender drawn, the day, who held the draw and who
-- witnessed it.
CREATE TABLE lot_draw (
    lot_id    INTEGER PRIMARY KEY REFERENCES lot(id) ON DELETE CASCADE,
    bid_id    INTEGER NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
    held_on   TEXT NOT NULL,
    held_by   TEXT NOT NULL,
    witnesses TEXT NOT NULL
);

-- The opening of a lot's prices. Until it, the screens, the score sheets and the evaluation export show
-- quality only, so that the panel agrees the quality scores without knowing the prices (two envelopes).
-- The reason is given when prices are opened before every award requirement has a consensus score.
CREATE TABLE price_reveal (
    lot_id      INTEGER PRIMARY KEY REFERENCES lot(id) ON DELETE CASCADE,
    revealed_at TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT ''
);
