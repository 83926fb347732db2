-- The sandbox back office: a small ERP-shaped schema SyncHub reads and writes over JDBC, like a real one.
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
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX bo_item_changed ON bo_item (updated_at, sku);

CREATE TABLE bo_stock (
    sku        VARCHAR(100) NOT NULL,
    location   VARCHAR(50)  NOT NULL,
    quantity   INTEGER      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sku, location)
);
CREATE INDEX bo_stock_changed ON bo_stock (updated_at, sku, location);

CREATE TABLE bo_image (
    sku        VARCHAR(100)  NOT NULL,
    url        VARCHAR(2000) NOT NULL,
    sort_order INTEGER       NOT NULL,
    checksum   VARCHAR(128)  NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sku, url)
);

CREATE TABLE bo_invoice (
    invoice_no VARCHAR(50) PRIMARY KEY,
    order_ref  VARCHAR(100),
    customer   VARCHAR(200),
    total      DECIMAL(19, 4) NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE bo_purchase_order (
    po_no       VARCHAR(50) PRIMARY KEY,
    supplier    VARCHAR(200) NOT NULL,
    status      VARCHAR(30)  NOT NULL,
    expected_at TIMESTAMP WITH TIME ZONE,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE bo_purchase_order_line (
    po_no    VARCHAR(50)  NOT NULL REFERENCES bo_purchase_order (po_no),
    line_no  INTEGER      NOT NULL,
    sku      VARCHAR(100) NOT NULL,
    quantity INTEGER      NOT NULL,
    PRIMARY KEY (po_no, line_no)
);

-- orders SyncHub delivers; the idempotency key makes a second delivery of one order a no-op
CREATE TABLE bo_sales_order (
    idempotency_key VARCHAR(100) PRIMARY KEY,
    storefront_id   BIGINT       NOT NULL,
    customer_email  VARCHAR(320),
    total           DECIMAL(19, 4),
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
