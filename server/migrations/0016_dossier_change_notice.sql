-- Every process that serves public tracking keeps recent answers in memory (dossiers/tracking-cache.ts). A change to
-- a dossier with a code tells them all at commit, whichever process or job made it: a trigger, so that no code path
-- (actions, workflow migration, a re-issued secret, an operator's SQL) can forget to. The payload is the code.
-- Every change to what tracking shows (status, dates, outcome, timeline) comes with a new version of the row.
CREATE FUNCTION dossier_change_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('dossier_changed', OLD.code);
  ELSE
    IF OLD.code IS NOT NULL AND OLD.code IS DISTINCT FROM NEW.code THEN
      PERFORM pg_notify('dossier_changed', OLD.code);
    END IF;
    PERFORM pg_notify('dossier_changed', NEW.code);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER dossier_change_notice AFTER UPDATE ON dossier FOR EACH ROW
  WHEN (NEW.code IS NOT NULL AND (OLD.version IS DISTINCT FROM NEW.version OR OLD.code IS DISTINCT FROM NEW.code
    OR OLD.tracking_secret_hash IS DISTINCT FROM NEW.tracking_secret_hash))
  EXECUTE FUNCTION dossier_change_notice();

CREATE TRIGGER dossier_delete_notice AFTER DELETE ON dossier FOR EACH ROW
  WHEN (OLD.code IS NOT NULL)
  EXECUTE FUNCTION dossier_change_notice();
