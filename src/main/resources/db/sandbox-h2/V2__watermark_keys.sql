-- Incremental reads seek on (updated_at, row_key): each page starts in the index where the last one ended, however
-- many rows share one updated_at (without these indexes every page re-reads its timestamp from the start).
-- H2's generated columns; db/sandbox-postgresql has the same with PostgreSQL's STORED.
ALTER TABLE bo_stock ADD COLUMN row_key VARCHAR(151) GENERATED ALWAYS AS (sku || '@' || location);
CREATE INDEX bo_stock_watermark ON bo_stock (updated_at, row_key);

ALTER TABLE bo_image ADD COLUMN row_key VARCHAR(2101) GENERATED ALWAYS AS (sku || '@' || url);
CREATE INDEX bo_image_watermark ON bo_image (updated_at, row_key);

-- items and invoices: the key is a column already (bo_item_changed is (updated_at, sku))
CREATE INDEX bo_invoice_watermark ON bo_invoice (updated_at, invoice_no);
CREATE INDEX bo_purchase_order_watermark ON bo_purchase_order (updated_at, po_no);
