-- The applicant portal (modules dossiers and citizens): who uploaded a component file through the portal, the
-- applicant's own list of dossiers, and the applicant's rating of the service (Decree 61). See docs/dossiers.md
-- ("Applicant API").

-- A file the applicant uploaded (or reused from their own documents) names their account; staff uploads keep
-- `uploaded_by`. An applicant may remove only their own files.
ALTER TABLE dossier_component_file ADD COLUMN uploaded_by_applicant uuid REFERENCES applicant (id);

-- "My dossiers": an applicant's dossiers newest first, with the id as the tie-breaker the cursor uses. It leads
-- with the account, so it also answers every look-up by account the earlier index served.
CREATE INDEX dossier_applicant_mine ON dossier (applicant_account, opened_at DESC, id DESC)
  WHERE applicant_account IS NOT NULL;
DROP INDEX dossier_applicant_account;

-- The applicant's evaluation of how the dossier was handled (Decree 61/2018, amended by 107/2021): one per dossier,
-- once its result was returned or it was refused. Each criterion on the three-level scale 2 = very satisfied,
-- 1 = satisfied, 0 = not satisfied; `feedback` is null when the applicant sent no feedback to be handled. The
-- resolving agency (and the receiving unit) are copied so that reports read ratings per agency without the dossier.
CREATE TABLE dossier_rating (
  dossier_id           uuid PRIMARY KEY REFERENCES dossier (id),
  applicant_id         uuid NOT NULL REFERENCES applicant (id),
  resolving_agency_id  uuid NOT NULL REFERENCES agency (id),
  receiving_unit_id    uuid NOT NULL REFERENCES agency (id),
  procedure_code       text NOT NULL,
  total_time           smallint NOT NULL CHECK (total_time BETWEEN 0 AND 2),
  agency_time          smallint NOT NULL CHECK (agency_time BETWEEN 0 AND 2),
  agencies_contacted   smallint NOT NULL CHECK (agencies_contacted BETWEEN 0 AND 2),
  contacts             smallint NOT NULL CHECK (contacts BETWEEN 0 AND 2),
  attitude             smallint NOT NULL CHECK (attitude BETWEEN 0 AND 2),
  feedback             smallint CHECK (feedback BETWEEN 0 AND 2),
  comment              text CHECK (length(comment) <= 2000),
  rated_at             timestamptz NOT NULL
);
-- Reports read an agency's ratings over a period.
CREATE INDEX dossier_rating_agency ON dossier_rating (resolving_agency_id, rated_at);
