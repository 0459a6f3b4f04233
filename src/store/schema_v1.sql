-- Tender file format version 1. Decimals (money, weights, points) are stored as TEXT holding the exact
-- decimal, so nothing passes through binary floating point. Times are RFC 3339 in UTC.

CREATE TABLE tender (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    title           TEXT NOT NULL,
    reference       TEXT NOT NULL DEFAULT '',
    authority       TEXT NOT NULL,
    procedure       TEXT NOT NULL DEFAULT 'open'
                    CHECK (procedure IN ('open', 'restricted', 'competitive_negotiation', 'competitive_dialogue', 'innovation_partnership', 'negotiated_without_notice', 'mini_competition')),
    cpv_codes       TEXT NOT NULL DEFAULT '',
    currency        TEXT NOT NULL DEFAULT 'DKK',
    estimated_value TEXT,
    published_on    TEXT,
    bid_deadline    TEXT,
    award_date      TEXT,
    standstill_ends TEXT,
    tie_break       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);

CREATE TABLE lot (
    id              INTEGER PRIMARY KEY,
    number          INTEGER NOT NULL UNIQUE CHECK (number > 0),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    estimated_value TEXT
);

-- Answers to the category-strategy questionnaire, keyed by the questionnaire's question id.
CREATE TABLE strategy_answer (
    question_id           TEXT PRIMARY KEY,
    value                 TEXT NOT NULL,
    reason                TEXT NOT NULL DEFAULT '',
    questionnaire_version TEXT NOT NULL
);

-- The evaluation model of a lot: award method, scale, life-cycle-cost parameters and publication lock.
CREATE TABLE evaluation_model (
    lot_id              INTEGER PRIMARY KEY REFERENCES lot(id) ON DELETE CASCADE,
    award_method        TEXT NOT NULL DEFAULT 'best_price_quality'
                        CHECK (award_method IN ('best_price_quality', 'lowest_price', 'lowest_cost', 'price_per_quality_point', 'value_adjusted_price')),
    scale_min           TEXT NOT NULL DEFAULT '0',
    scale_max           TEXT NOT NULL DEFAULT '10',
    disagreement_share  TEXT NOT NULL DEFAULT '0.4',
    lcc_years           INTEGER,
    discount_rate       TEXT,
    escalation          TEXT,
    energy_price        TEXT,
    quantity            TEXT,
    co2_kg_per_kwh      TEXT,
    co2_price_per_tonne TEXT,
    locked_at           TEXT,
    locked_by           TEXT
);

CREATE TABLE scale_step (
    lot_id   INTEGER NOT NULL REFERENCES lot(id) ON DELETE CASCADE,
    points   TEXT NOT NULL,
    label_da TEXT NOT NULL,
    label_en TEXT NOT NULL,
    PRIMARY KEY (lot_id, points)
);

-- Award criteria and sub-criteria. A criterion with a price model is a price or cost leaf.
CREATE TABLE criterion (
    id              INTEGER PRIMARY KEY,
    lot_id          INTEGER NOT NULL REFERENCES lot(id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    parent_id       INTEGER REFERENCES criterion(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name_da         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    weight          TEXT NOT NULL,
    min_points      TEXT,
    price_model     TEXT,
    measure         TEXT,
    value_per_point TEXT,
    UNIQUE (lot_id, code)
);

-- The tender's own copy of a requirement: a snapshot of a catalogue template, never a reference to it.
CREATE TABLE requirement (
    id                INTEGER PRIMARY KEY,
    lot_id            INTEGER NOT NULL REFERENCES lot(id) ON DELETE CASCADE,
    code              TEXT NOT NULL,
    position          INTEGER NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('minimum', 'award', 'information')),
    title_da          TEXT NOT NULL,
    title_en          TEXT NOT NULL,
    text_da           TEXT NOT NULL,
    text_en           TEXT NOT NULL,
    evidence          TEXT NOT NULL DEFAULT '',
    area              TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT '',
    template_id       TEXT,
    catalogue_version TEXT,
    parameters        TEXT NOT NULL DEFAULT '{}',
    criterion_id      INTEGER REFERENCES criterion(id) ON DELETE SET NULL,
    weight            TEXT NOT NULL DEFAULT '1',
    measure           TEXT,
    UNIQUE (lot_id, code)
);

CREATE TABLE bidder (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    cvr   TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT ''
);

CREATE TABLE bid (
    id            INTEGER PRIMARY KEY,
    bidder_id     INTEGER NOT NULL REFERENCES bidder(id) ON DELETE CASCADE,
    lot_id        INTEGER NOT NULL REFERENCES lot(id) ON DELETE CASCADE,
    received_at   TEXT,
    source_file   TEXT NOT NULL DEFAULT '',
    source_sha256 TEXT NOT NULL DEFAULT '',
    UNIQUE (bidder_id, lot_id)
);

CREATE TABLE requirement_response (
    bid_id         INTEGER NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
    requirement_id INTEGER NOT NULL REFERENCES requirement(id) ON DELETE CASCADE,
    compliant      INTEGER CHECK (compliant IN (0, 1)),
    value          TEXT NOT NULL DEFAULT '',
    document_ref   TEXT NOT NULL DEFAULT '',
    comment        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (bid_id, requirement_id)
);

-- The tender's price schedule of a lot: the items and quantities every bidder prices in the price sheet.
CREATE TABLE price_item (
    id       INTEGER PRIMARY KEY,
    lot_id   INTEGER NOT NULL REFERENCES lot(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    item     TEXT NOT NULL,
    unit     TEXT NOT NULL DEFAULT '',
    quantity TEXT NOT NULL,
    UNIQUE (lot_id, position)
);

-- The bid price is the sum of its lines' quantity × unit price.
CREATE TABLE price_line (
    id         INTEGER PRIMARY KEY,
    bid_id     INTEGER NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    item       TEXT NOT NULL,
    quantity   TEXT NOT NULL,
    unit_price TEXT NOT NULL
);

CREATE TABLE lcc_input (
    bid_id               INTEGER PRIMARY KEY REFERENCES bid(id) ON DELETE CASCADE,
    acquisition          TEXT NOT NULL DEFAULT '0',
    energy_kwh_per_year  TEXT NOT NULL DEFAULT '0',
    maintenance_per_year TEXT NOT NULL DEFAULT '0',
    consumables_per_year TEXT NOT NULL DEFAULT '0',
    other_per_year       TEXT NOT NULL DEFAULT '0',
    end_of_life_cost     TEXT NOT NULL DEFAULT '0',
    take_back_value      TEXT NOT NULL DEFAULT '0'
);

-- Evaluators declare their conflict of interest (Udbudsloven § 4) before they may score.
CREATE TABLE evaluator (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL DEFAULT '',
    coi_status   TEXT CHECK (coi_status IN ('none', 'declared')),
    coi_text     TEXT NOT NULL DEFAULT '',
    coi_measure  TEXT NOT NULL DEFAULT '',
    coi_declared_at TEXT
);

-- A blank individual score is a missing row, never a zero.
CREATE TABLE individual_score (
    evaluator_id   INTEGER NOT NULL REFERENCES evaluator(id) ON DELETE CASCADE,
    requirement_id INTEGER NOT NULL REFERENCES requirement(id) ON DELETE CASCADE,
    bid_id         INTEGER NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
    points         TEXT NOT NULL,
    comment        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (evaluator_id, requirement_id, bid_id)
);

CREATE TABLE consensus_score (
    requirement_id INTEGER NOT NULL REFERENCES requirement(id) ON DELETE CASCADE,
    bid_id         INTEGER NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
    points         TEXT NOT NULL,
    justification  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (requirement_id, bid_id)
);

-- Exclusions decided by the consultant (for example an abnormally low tender), beside the automatic ones
-- that follow from failed minimum requirements.
CREATE TABLE exclusion (
    bid_id INTEGER PRIMARY KEY REFERENCES bid(id) ON DELETE CASCADE,
    reason TEXT NOT NULL
);

-- Append-only: every mutation adds a row whose hash covers the previous row's hash and its own content.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
