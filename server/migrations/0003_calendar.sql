-- Working calendar (module calendar): the province's calendar and per-agency overrides, their holiday entries,
-- the status of each year's schedule, and working hours with the paper cut-off. See docs/calendar.md.

-- One calendar per agency that has its own; exactly one of them is the province's (owned by the province's
-- People's Committee). An agency without a calendar uses its ancestors' overrides on top of the province's.
-- `version` is bumped by every change to the calendar or to a row below it: caches and If-Match read it.
CREATE TABLE calendar (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id      uuid NOT NULL UNIQUE REFERENCES agency (id),
  is_province    boolean NOT NULL DEFAULT false,
  name           text NOT NULL,
  -- false: working hours and the cut-off are inherited; true: calendar_period and paper_cut_off below apply.
  own_hours      boolean NOT NULL DEFAULT false,
  -- Minutes from 00:00 in Vietnam; a paper dossier received at or after it counts from the next working day.
  paper_cut_off  integer CHECK (paper_cut_off BETWEEN 0 AND 1440),
  version        integer NOT NULL DEFAULT 1,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT is_province OR own_hours)
);
CREATE UNIQUE INDEX calendar_one_province ON calendar (is_province) WHERE is_province;

-- Days whose status differs from the ordinary week: a day off (holiday, substitute, swap) or a make-up day.
CREATE TABLE calendar_entry (
  calendar_id  uuid NOT NULL REFERENCES calendar (id),
  date         date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('holiday', 'substitute', 'swap', 'make_up')),
  name         text NOT NULL CHECK (name <> ''),
  legal_note   text NOT NULL,
  PRIMARY KEY (calendar_id, date)
);

-- The status of a year's schedule (province calendar): official (announced, seeded as DOMAIN.md lists it),
-- provisional (generated from the Labor Code), confirmed (an administrator confirmed or edited it).
-- A year without a row is provisional and generated on the fly.
CREATE TABLE calendar_year (
  calendar_id   uuid NOT NULL REFERENCES calendar (id),
  year          integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
  status        text NOT NULL CHECK (status IN ('official', 'provisional', 'confirmed')),
  confirmed_by  uuid REFERENCES staff (id),
  confirmed_at  timestamptz,
  PRIMARY KEY (calendar_id, year),
  CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
);

-- Working periods, half-open [start_minute, end_minute) in Vietnam. day 0–6 = Sunday–Saturday, 7 = a make-up day.
CREATE TABLE calendar_period (
  calendar_id   uuid NOT NULL REFERENCES calendar (id),
  day           smallint NOT NULL CHECK (day BETWEEN 0 AND 7),
  start_minute  integer NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
  end_minute    integer NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
  PRIMARY KEY (calendar_id, day, start_minute),
  CHECK (start_minute < end_minute)
);
