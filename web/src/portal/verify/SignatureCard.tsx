// One signature's verdict in words a citizen reads at a glance: valid (unchanged and from a trusted authority),
// unchanged but of unknown origin, or broken; then the facts behind it and the verifier's own notes.
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.tsx';

export interface SignatureReport {
  signer: string | null;
  issuer: string | null;
  signedAt: string | null;
  intact: boolean;
  modifiedAfter: boolean;
  trusted: boolean;
  notes: string[];
}

type Verdict = 'valid' | 'untrusted' | 'broken';

const verdictOf = (s: SignatureReport): Verdict => (!s.intact ? 'broken' : s.trusted ? 'valid' : 'untrusted');

const ICON = {
  valid: <CheckCircleFilled aria-hidden />,
  untrusted: <ExclamationCircleFilled aria-hidden />,
  broken: <CloseCircleFilled aria-hidden />,
};

export function SignatureCard({ signature: s, index }: { signature: SignatureReport; index: number }) {
  const { t } = useI18n();
  const v = t.portal.verify;
  const verdict = verdictOf(s);
  return (
    <article className={`signature signature--${verdict}`} aria-labelledby={`signature-${index}`}>
      <h3 id={`signature-${index}`}>
        {ICON[verdict]} {v.signature(index)}: {v.verdict[verdict]}
      </h3>
      <p>{v.explain[verdict]}</p>
      <dl className="facts">
        <div>
          <dt>{v.signer}</dt>
          <dd lang="vi">{s.signer ?? v.unknown}</dd>
        </div>
        <div>
          <dt>{v.issuer}</dt>
          <dd lang="vi">{s.issuer ?? v.unknown}</dd>
        </div>
        <div>
          <dt>{v.signedAt}</dt>
          <dd>{s.signedAt ? t.portal.dateTime(s.signedAt) : v.unknown}</dd>
        </div>
        <div>
          <dt>{v.intact}</dt>
          <dd>{s.intact ? v.yes : v.no}</dd>
        </div>
        <div>
          <dt>{v.trusted}</dt>
          <dd>{s.trusted ? v.yes : v.no}</dd>
        </div>
        {s.modifiedAfter && (
          <div>
            <dt>{v.modifiedAfter}</dt>
            <dd>{v.modifiedAfterText}</dd>
          </div>
        )}
      </dl>
      {s.notes.length > 0 && (
        <ul className="signature__notes" lang="vi">
          {s.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </article>
  );
}
