-- A push claims the open rows of a batch of entities. With state last in this index, every lookup of a SKU read all
-- the rows ever logged for it (SENT, SUPERSEDED, ...), so a claim got slower as the log grew: under a steady 1,100
-- changes/s over 1,000 SKUs it was over half of stock-push's CPU within 20 s. State before the key: a lookup reads
-- only the entity's open rows. (Also serves the held-updates-before-a-delete drop and the open-row counts.)
DROP INDEX change_log_entity;
CREATE INDEX change_log_open_by_entity ON change_log (entity_type, state, entity_key, entity_scope);
