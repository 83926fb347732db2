-- Task "orders-export": hub orders written to CSV files in the outbox. export_file names the batch an order was put
-- in before its file was written; file_exported_at is set once the file is in place. An order with a file name but
-- no file_exported_at was interrupted: the next run writes the same file again (same name, same rows).
ALTER TABLE sales_order ADD COLUMN export_file VARCHAR(200);
ALTER TABLE sales_order ADD COLUMN file_exported_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX sales_order_export_file ON sales_order (export_file);
