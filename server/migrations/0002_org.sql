-- Organisation registry (module org): administrative units, agencies, departments, staff, role grants, sessions.

CREATE TABLE admin_unit (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL,
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  kind        text NOT NULL,
  parent_id   uuid REFERENCES admin_unit (id),
  valid_from  date NOT NULL,
  valid_to    date,
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  UNIQUE (code, valid_from)
);
CREATE INDEX admin_unit_parent ON admin_unit (parent_id);

CREATE TABLE agency (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  identifier      text NOT NULL UNIQUE,
  name            text NOT NULL,
  short_name      text,
  kind            text NOT NULL,
  parent_id       uuid REFERENCES agency (id),
  admin_unit_id   uuid REFERENCES admin_unit (id),
  address         text,
  phone           text,
  email           text,
  valid_from      date NOT NULL,
  valid_to        date,
  version         integer NOT NULL DEFAULT 1,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX agency_parent ON agency (parent_id);
CREATE INDEX agency_name ON agency (name, id);

-- Every (ancestor, descendant) pair, depth 0 included: scope filters become one indexed join.
CREATE TABLE agency_closure (
  ancestor_id    uuid NOT NULL REFERENCES agency (id),
  descendant_id  uuid NOT NULL REFERENCES agency (id),
  depth          integer NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX agency_closure_descendant ON agency_closure (descendant_id);

CREATE TABLE department (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id  uuid NOT NULL REFERENCES agency (id),
  code       text NOT NULL,
  name       text NOT NULL,
  UNIQUE (agency_id, code)
);

CREATE TABLE staff (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username             text NOT NULL UNIQUE,
  full_name            text NOT NULL,
  email                text,
  phone                text,
  position             text,
  agency_id            uuid NOT NULL REFERENCES agency (id),
  department_id        uuid REFERENCES department (id),
  password_hash        text NOT NULL,
  demo_password        boolean NOT NULL DEFAULT false,
  active               boolean NOT NULL DEFAULT true,
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  created_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1
);
CREATE INDEX staff_agency ON staff (agency_id, full_name, id);

CREATE TABLE role_grant (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id    uuid NOT NULL REFERENCES staff (id),
  role        text NOT NULL,
  agency_id   uuid NOT NULL REFERENCES agency (id),
  granted_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (staff_id, role, agency_id)
);
CREATE INDEX role_grant_agency ON role_grant (agency_id);

CREATE TABLE staff_session (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash    text NOT NULL UNIQUE,
  csrf_token    text NOT NULL,
  staff_id      uuid NOT NULL REFERENCES staff (id),
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text
);
CREATE INDEX staff_session_staff ON staff_session (staff_id) WHERE revoked_at IS NULL;
