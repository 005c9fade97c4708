-- The leaders' dashboard (module dossiers, dashboard.ts) and the list behind its figures (list.ts) read the dossiers
-- returned within a period: at most a year of a province's returns, out of every dossier it has ever received. The
-- handling department of each is then read from its history by the history's own key (docs/dossiers.md).
CREATE INDEX dossier_returned ON dossier (returned_at) WHERE returned_at IS NOT NULL;
