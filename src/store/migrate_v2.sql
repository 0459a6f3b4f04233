-- Format version 2: the authority's OCID prefix, from which the open-contracting export names the tender,
-- and the dispatch of the award notices, from which the standstill period runs.
ALTER TABLE tender ADD COLUMN ocid_prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE tender ADD COLUMN notices_sent_on TEXT;
ALTER TABLE tender ADD COLUMN notices_sent_by TEXT NOT NULL DEFAULT 'electronic'
    CHECK (notices_sent_by IN ('electronic', 'letter'));
