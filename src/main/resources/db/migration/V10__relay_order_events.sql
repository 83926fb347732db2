-- Order events the relay receiver (POST /webhooks/orders) took in, by event key: a replay of one is refused. Rows
-- older than the receiver's age window are forgotten, because the window refuses those events anyway.
CREATE TABLE relay_order_event (
    event_key        VARCHAR(100) PRIMARY KEY,          -- 'hash:' + SHA-256 of the payload's hash, or 'body:' + SHA-256 of the body
    order_id         BIGINT       NOT NULL,
    event_created_at TIMESTAMP WITH TIME ZONE NOT NULL, -- the payload's created_at
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX relay_order_event_created ON relay_order_event (event_created_at);
