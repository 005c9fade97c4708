// The dossier's papers (Circular 01/2018): each form that its history can fill, to open and print, and the control
// sheet (Form 05) shown as a table of its hand-overs with their timeliness.
import { useQuery } from '@tanstack/react-query';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type DossierView, formUrl } from '../api/dossiers.ts';
import { call } from '../api/http.ts';
import { formatDateTime } from '../parts.tsx';

type Form = '01' | '02' | '03' | '04' | '05';

interface ControlSheet {
  dossierCode: string;
  resolvingAgency: string;
  cooperatingAgencies: string[];
  handOvers: {
    step: string;
    at: string | null;
    giver: string;
    receiver: string;
    result: 'early' | 'on_time' | 'late' | null;
    dueAt: string | null;
  }[];
}

/** The forms the history can fill (docs/dossiers.md, "Forms"). */
export function formsOf(dossier: DossierView): Form[] {
  const did = (action: string) => dossier.history.some((e) => e.action === action);
  return (
    [
      ['01', dossier.code !== null && did('accept')],
      ['02', did('request_supplement')],
      ['03', did('refuse')],
      ['04', did('extend')],
      ['05', dossier.receivedAt !== null],
    ] as const
  )
    .filter(([, has]) => has)
    .map(([form]) => form);
}

export function FormsPanel({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const forms = formsOf(dossier);
  const sheet = useQuery({
    queryKey: ['control-sheet', dossier.id, dossier.version],
    enabled: forms.includes('05'),
    queryFn: async ({ signal }) =>
      (await call<ControlSheet>(`/api/v1/dossiers/${dossier.id}/control-sheet`, { signal })).data,
  });
  if (forms.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="forms-title">
      <h2 id="forms-title">{t.console.dossier.forms}</h2>
      <ul className="plain forms-list">
        {forms.map((f) => (
          <li key={f}>
            <a href={formUrl(dossier.id, f)} target="_blank" rel="noopener">
              {t.console.dossier.form[f]}
            </a>
          </li>
        ))}
      </ul>
      {sheet.isError && <ProblemAlert error={sheet.error} onRetry={() => void sheet.refetch()} />}
      {sheet.data && (
        <div className="table-wrap">
          <table className="data-table control-sheet">
            <caption>{t.console.dossier.controlSheet}</caption>
            <thead>
              <tr>
                <th scope="col">{t.console.dossier.handOver}</th>
                <th scope="col">{t.console.dossier.when}</th>
                <th scope="col">{t.console.dossier.timeliness}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.data.handOvers.map((h, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: hand-overs are in order and never reordered
                <tr key={i}>
                  <td lang="vi">
                    {h.step}
                    <br />
                    <span className="muted">
                      {h.giver} → {h.receiver}
                    </span>
                  </td>
                  <td className="nowrap">{formatDateTime(h.at)}</td>
                  <td>{h.result ? t.console.timeliness[h.result] : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
