-- The sandbox back office on MariaDB: the same tables as db/sandbox (H2, PostgreSQL). MariaDB has no zoned timestamp,
-- so every timestamp is DATETIME(6) holding UTC (SyncHub binds and reads it as UTC wall time, routes.platform.Times).
-- Keys are compared byte-wise in the queries (backoffice/mariadb-queries.properties), whatever these collations are.
CREATE TABLE bo_item (
    sku        VARCHAR(100) PRIMARY KEY,
    parent_sku VARCHAR(100),
    name       VARCHAR(500) NOT NULL,
    price      DECIMAL(19, 4) NOT NULL,
    category   VARCHAR(200),
    brand      VARCHAR(200),
    colour     VARCHAR(50),
    size_label VARCHAR(20),
    deleted    BOOLEAN DEFAULT FALSE NOT NULL,
    updated_at DATETIME(6) NOT NULL
) DEFAULT CHARSET = utf8mb4;
CREATE INDEX bo_item_changed ON bo_item (updated_at, sku);

CREATE TABLE bo_stock (
    sku        VARCHAR(100) NOT NULL,
    location   VARCHAR(50)  NOT NULL,
    quantity   INTEGER      NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (sku, location)
) DEFAULT CHARSET = utf8mb4;
CREATE INDEX bo_stock_changed ON bo_stock (updated_at, sku, location);

CREATE TABLE bo_image (
    sku        VARCHAR(100)  NOT NULL,
    url        VARCHAR(600)  NOT NULL,   -- InnoDB keys are at most 3072 bytes: (100 + 600) x 4 in utf8mb4
    sort_order INTEGER       NOT NULL,
    checksum   VARCHAR(128)  NOT NULL,
    updated_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (sku, url)
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE bo_invoice (
    invoice_no VARCHAR(50) PRIMARY KEY,
    order_ref  VARCHAR(100),
    customer   VARCHAR(200),
    total      DECIMAL(19, 4) NOT NULL,
    issued_at  DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE bo_purchase_order (
    po_no       VARCHAR(50) PRIMARY KEY,
    supplier    VARCHAR(200) NOT NULL,
    status      VARCHAR(30)  NOT NULL,
    expected_at DATETIME(6),
    updated_at  DATETIME(6)  NOT NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE bo_purchase_order_line (
    po_no    VARCHAR(50)  NOT NULL,
    line_no  INTEGER      NOT NULL,
    sku      VARCHAR(100) NOT NULL,
    quantity INTEGER      NOT NULL,
    PRIMARY KEY (po_no, line_no),
    FOREIGN KEY (po_no) REFERENCES bo_purchase_order (po_no)
) DEFAULT CHARSET = utf8mb4;

-- orders SyncHub delivers; the idempotency key makes a second delivery of one order a no-op
CREATE TABLE bo_sales_order (
    idempotency_key VARCHAR(100) PRIMARY KEY,
    storefront_id   BIGINT       NOT NULL,
    customer_email  VARCHAR(320),
    total           DECIMAL(19, 4),
    received_at     DATETIME(6)  NOT NULL
) DEFAULT CHARSET = utf8mb4;
