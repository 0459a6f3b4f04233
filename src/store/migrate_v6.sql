-- Format version 6: the ground of the authority's own rejection of a tender. The exclusion row keeps the
-- authority's assessment in its words; this row says what kind of rejection it is and carries the facts
-- the rule it rests on needs: for an abnormally low tender the days the explanation was asked for and
-- given (udbudslovens § 169), for a late tender when it was received, for documentation that does not
-- prove a minimum requirement the requirement. An exclusion without a row here is of another kind.
CREATE TABLE exclusion_ground (
    bid_id INTEGER PRIMARY KEY REFERENCES exclusion(bid_id) ON DELETE CASCADE,
    -- The ground as JSON, {"ground": "abnormally_low", "requested_on": "2026-10-20", ...}.
    ground TEXT NOT NULL
);

-- Tender fields added after format 5, one row each, so that a new field changes no row the change log
-- already holds: the authority's postal address (art. 84(1)(a) of Directive 2014/24/EU) and the share below
-- the mean of the other admissible tenders at which a tender is flagged as possibly abnormally low.
CREATE TABLE tender_setting (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
