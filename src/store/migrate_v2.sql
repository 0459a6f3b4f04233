-- Format version 2: the authority's OCID prefix, from which the open-contracting export names the tender.
ALTER TABLE tender ADD COLUMN ocid_prefix TEXT NOT NULL DEFAULT '';
