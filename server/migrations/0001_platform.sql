-- Platform: audit chain, transactional outbox, idempotency.

-- Audit log: append-only. Each entry holds the hash of the previous one; `congso audit verify` walks the chain.
CREATE TABLE audit_entry (
  seq          bigint PRIMARY KEY,
  at           timestamptz NOT NULL,
  actor_id     uuid,
  actor_label  text NOT NULL,
  action       text NOT NULL,
  target_type  text NOT NULL,
  target_id    text,
  request_id   text,
  summary      jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_entry_target ON audit_entry (target_type, target_id, seq);
CREATE INDEX audit_entry_actor ON audit_entry (actor_id, seq);

-- The head of the chain: one row, locked by each writer so that entries form one line, never a fork.
CREATE TABLE audit_chain_head (
  id    smallint PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL,
  hash  text NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();

-- Transactional outbox: written in the same transaction as the change; the relay hands rows to the job queue.
CREATE TABLE outbox (
  id             bigserial PRIMARY KEY,
  topic          text NOT NULL,
  payload        jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  dispatched_at  timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE dispatched_at IS NULL;
