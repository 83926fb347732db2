-- Drift report (routes.drift): storefront levels that differ from the hub's, as task reconcile last found them.
-- Plain SQL that runs unchanged on H2 2.x and PostgreSQL 13+.
-- A run upserts the rows it finds (keeping first_seen_at, so "since when" survives runs) and then deletes the rows
-- it did not see again (run_id is another run's): the table holds the latest run's drift only, never the whole store.
CREATE TABLE drift_item (
    sku              VARCHAR(100) NOT NULL,
    location         VARCHAR(50)  NOT NULL,            -- hub location code (synchub.storefront.locations)
    location_id      BIGINT       NOT NULL,            -- storefront location id
    variant_id       BIGINT,                           -- as the storefront names it, when it does
    kind             VARCHAR(20)  NOT NULL,            -- routes.drift.DriftKind
    hub_quantity     INTEGER      NOT NULL,
    store_quantity   INTEGER      NOT NULL,
    pushed_quantity  INTEGER,                          -- what SyncHub last pushed (sync_history), if ever
    pushed_at        TIMESTAMP WITH TIME ZONE,
    store_changed_at TIMESTAMP WITH TIME ZONE,         -- newest storefront stock callback of the variant: a hint
    first_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id           BIGINT       NOT NULL,
    repair_quantity  INTEGER,                          -- the level a repair queued in the change log
    repaired_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (sku, location)
);
CREATE INDEX drift_item_run ON drift_item (run_id);
