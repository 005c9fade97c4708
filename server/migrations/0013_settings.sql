-- Operational settings (module settings): what a system administrator changes at run time without a restart. The
-- registry in server/src/modules/settings/registry.ts defines each key, its schema and its default (taken from the
-- process configuration); a row here only holds a value chosen in the console. See docs/operations.md ("Settings").

-- A reset to the default keeps the row with a null value, so that the version keeps counting and an editor who read
-- an older version still gets 412 instead of silently overwriting.
CREATE TABLE setting (
  key         text PRIMARY KEY CHECK (key ~ '^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$'),
  value       jsonb,
  version     integer NOT NULL CHECK (version > 0),
  updated_by  uuid REFERENCES staff (id),
  updated_by_label text NOT NULL,
  updated_at  timestamptz NOT NULL
);
