// Bổ sung hồ sơ: when the office asks for more (Form 02), the applicant reads the reason, adds files to the
// components concerned and sends the supplement ("Bổ sung"), once, with an optional note.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Input } from 'antd';
import { useId, useState } from 'react';
import { act, type DossierDetail, newIdempotencyKey } from '../../api/dossiers.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ComponentFiles } from '../files/ComponentFiles.tsx';
import { forgetKey, keyFor } from '../submit/wizard-storage.ts';

export function SupplementPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useI18n();
  const s = t.portal.supplement;
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const noteId = useId();
  const purpose = `supplement.${dossier.id}.${dossier.hold?.since ?? ''}`;
  const send = useMutation({
    mutationFn: () =>
      act(
        dossier.id,
        'supplement',
        keyFor(purpose, newIdempotencyKey),
        dossier.version,
        note.trim() ? { note: note.trim() } : {},
      ),
    onSuccess: async () => {
      forgetKey(purpose);
      await queryClient.invalidateQueries({ queryKey: ['applicant'] });
    },
  });
  return (
    <section className="panel" aria-labelledby="supplement-heading">
      <h2 id="supplement-heading">{s.title}</h2>
      <p>{s.lead}</p>
      <div className="components-stack">
        {dossier.components.map((slot) => (
          <ComponentFiles key={slot.index} dossierId={dossier.id} slot={slot} editable />
        ))}
      </div>
      <label htmlFor={noteId} className="field-label">
        {s.note}
      </label>
      <Input.TextArea id={noteId} rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
      {send.isError && <ProblemAlert error={send.error} onRetry={() => send.mutate()} />}
      <div className="wizard__actions">
        <Button type="primary" size="large" loading={send.isPending} onClick={() => !send.isPending && send.mutate()}>
          {s.send}
        </Button>
      </div>
    </section>
  );
}
