-- rollup_items (001) has been neither written nor read since migration 026 (rates per category and service are
-- counted by latest decision, in rollup_state_items, which took its shape). A table nothing uses is only a question
-- for whoever reads the schema, and space in every backup.
DROP TABLE rollup_items;
