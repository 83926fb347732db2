-- Incremental reads seek on (updated_at, row_key): each page starts in the index where the last one ended, however
-- many rows share one updated_at (without these indexes every page re-reads its timestamp from the start).
-- row_key is a stored generated column in a byte-order collation without pad (utf8mb4_nopad_bin): compared and
-- ordered as bytes through the index, where CAST(... AS BINARY) in a query could not use one.
ALTER TABLE bo_stock ADD COLUMN row_key VARCHAR(151) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
    AS (CONCAT(sku, '@', location)) STORED;
CREATE INDEX bo_stock_watermark ON bo_stock (updated_at, row_key);

ALTER TABLE bo_item ADD COLUMN row_key VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin AS (sku) STORED;
CREATE INDEX bo_item_watermark ON bo_item (updated_at, row_key);

ALTER TABLE bo_image ADD COLUMN row_key VARCHAR(701) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
    AS (CONCAT(sku, '@', url)) STORED;
CREATE INDEX bo_image_watermark ON bo_image (updated_at, row_key);

ALTER TABLE bo_invoice ADD COLUMN row_key VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin
    AS (invoice_no) STORED;
CREATE INDEX bo_invoice_watermark ON bo_invoice (updated_at, row_key);

CREATE INDEX bo_purchase_order_watermark ON bo_purchase_order (updated_at, po_no);
