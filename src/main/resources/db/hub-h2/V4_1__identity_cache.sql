-- H2 only. An identity column hands out values from a sequence that H2 writes back every CACHE values (default 32),
-- and each write-back is a commit of its own that stores every page changed so far, the half-written batch included.
-- A Sync Now of 1,000,000 SKUs writes 1,000,000 history rows: with 32 that was ~31,000 extra stores (a fifth of the
-- Sync Now thread in JFR), with 1,000 still 18 % of the thread that commits the pages; with 100,000 it is ten.
-- A crash skips at most 100,000 ids (BIGINT); ids stay increasing, which is all the change log's claim order and the
-- history's newest-first order need. PostgreSQL is left alone: its sequence cache is per session, so ids of
-- concurrent sessions would no longer follow the order they were handed out in.
ALTER TABLE change_log ALTER COLUMN id SET CACHE 100000;
ALTER TABLE sync_history ALTER COLUMN id SET CACHE 100000;
