-- Each projected step rewrites its case's summary row. Half of every page is left free so the new
-- version of a row usually fits on the page of the old one: when no indexed column changed (stage,
-- state, agency, search), PostgreSQL then updates it in place of the index entries (a HOT update)
-- and none of the five indexes is touched. Applies to pages written from now on (numbered after V1000,
-- the grants, so it is applied to databases migrated before).
ALTER TABLE query.case_summary SET (fillfactor = 50);
