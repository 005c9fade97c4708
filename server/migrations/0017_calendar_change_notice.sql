-- Every process keeps the calendar chain of the agencies it works for in memory (calendar/service.ts): which
-- calendars apply to an agency (the province's and those of the agency and its ancestors) with their versions, read
-- on every dossier action otherwise. A change to a calendar (every edit bumps its version) or to the agency tree
-- tells them all at commit, whichever process made it. The payload is empty: every agency's chain is read again.
CREATE FUNCTION calendar_change_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('calendar_changed', '');
  RETURN NULL;
END $$;

CREATE TRIGGER calendar_change_notice AFTER INSERT OR UPDATE OR DELETE ON calendar
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_change_notice();

CREATE TRIGGER agency_closure_change_notice AFTER INSERT OR UPDATE OR DELETE ON agency_closure
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_change_notice();
