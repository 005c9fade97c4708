// Kiểm tra chữ ký số: anyone checks the digital signatures of a PDF (a result, a decision, a certified copy) and
// reads, for each signature, who signed, when, whether the file is unchanged since, and whether the signer's
// certificate leads to a trusted authority. An applicant's own electronic result is checked from its dossier page
// without downloading it first (?ho-so=<dossier>&ket-qua=<result>).
import { useMutation } from '@tanstack/react-query';
import { Alert, Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { problemOf } from '../../api/client.ts';
import { fetchResultFile } from '../../api/dossiers.ts';
import type { paths } from '../../api/schema';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FileDrop } from '../files/FileDrop.tsx';
import { SignatureCard } from './SignatureCard.tsx';
import '../portal.css';

type Verification = paths['/api/v1/signatures/verify']['post']['responses'][200]['content']['application/json'];

interface Checked {
  fileName: string;
  signatures: Verification['signatures'];
}

/** The verification of a PDF's signatures (multipart, which the generated client does not describe). */
async function verifySignatures(file: Blob, fileName: string): Promise<Verification> {
  const body = new FormData();
  body.append('file', file, fileName);
  const response = await fetch('/api/v1/signatures/verify', { method: 'POST', body });
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw problemOf(response, answer);
  return answer as Verification;
}

export function VerifyPage() {
  const { t } = useI18n();
  const v = t.portal.verify;
  usePageTitle(v.title);
  const [params] = useSearchParams();
  const [refused, setRefused] = useState(false);
  const check = useMutation({
    mutationFn: async (source: { file: Blob; name: string } | { dossierId: string; resultId: string }) => {
      const { file, name } = 'file' in source ? source : await fetchResultFile(source.dossierId, source.resultId);
      const answer = await verifySignatures(file, name);
      return { fileName: name, signatures: answer.signatures } satisfies Checked;
    },
  });
  const dossierId = params.get('ho-so');
  const resultId = params.get('ket-qua');
  const started = useRef(false);
  const { mutate } = check;
  useEffect(() => {
    if (dossierId && resultId && !started.current) {
      started.current = true;
      mutate({ dossierId, resultId });
    }
  }, [dossierId, resultId, mutate]);

  const onFiles = ([file]: File[]) => {
    if (!file) return;
    const pdf = file.name.toLowerCase().endsWith('.pdf');
    setRefused(!pdf);
    if (pdf) check.mutate({ file, name: file.name });
  };

  return (
    <>
      <h1>{v.title}</h1>
      <p className="hero__lead">{v.lead}</p>
      <div className="panel">
        <FileDrop label={v.drop} hint={v.dropHint} accept=".pdf,application/pdf" onFiles={onFiles} />
        {refused && <Alert type="error" showIcon role="alert" title={v.notPdf} className="block-top" />}
      </div>
      <section className="section" aria-live="polite" aria-busy={check.isPending} aria-label={v.result}>
        {check.isPending ? (
          <>
            <p>{v.checking}</p>
            <Skeleton active paragraph={{ rows: 4 }} />
          </>
        ) : check.isError ? (
          <ProblemAlert error={check.error} />
        ) : (
          check.data && <Verdict checked={check.data} />
        )}
      </section>
      {dossierId && (
        <p>
          <Link to={`/ho-so-cua-toi/${dossierId}`}>{v.backToDossier}</Link>
        </p>
      )}
    </>
  );
}

function Verdict({ checked }: { checked: Checked }) {
  const { t } = useI18n();
  const v = t.portal.verify;
  return (
    <>
      <h2>
        {v.resultFor} <span className="file-name">{checked.fileName}</span>
      </h2>
      {checked.signatures.length === 0 ? (
        <Alert type="warning" showIcon title={v.none} description={v.noneHint} />
      ) : (
        <>
          <p className="strong">{v.count(checked.signatures.length)}</p>
          <ol className="signature-list">
            {checked.signatures.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: signatures are listed in file order, which is their identity
              <li key={i}>
                <SignatureCard signature={s} index={i + 1} />
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
