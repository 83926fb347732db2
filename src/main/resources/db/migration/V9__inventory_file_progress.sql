-- Partner inventory files (routes.backoffice.InventoryFiles) are applied in chunks, one transaction each: this row is
-- committed with every chunk, so a restart resumes after the last committed line. Plain SQL for H2 2.x and PostgreSQL.
CREATE TABLE inventory_file_progress (
    file_name      VARCHAR(1000) NOT NULL,
    content_sha256 VARCHAR(64)   NOT NULL,
    status         VARCHAR(20)   NOT NULL,          -- running, done, failed
    line_committed INTEGER       NOT NULL,          -- the last record (by its first line) whose chunk is committed
    rows_applied   INTEGER       NOT NULL,
    rows_rejected  INTEGER       NOT NULL,
    reason         VARCHAR(2000),                   -- why the file failed
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (file_name, content_sha256)
);
