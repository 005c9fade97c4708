// Step 3, thành phần hồ sơ: a file (or several) for each component. Moving on needs a file for every required
// component; the server checks the same at submission and its refusals (`components.<n>`) land here too.
import { Alert, Button } from 'antd';
import { useState } from 'react';
import type { FieldProblem } from '../../api/client.ts';
import type { DossierDetail } from '../../api/dossiers.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ComponentFiles } from '../files/ComponentFiles.tsx';

interface ComponentsStepProps {
  dossier: DossierDetail;
  refused: readonly FieldProblem[];
  onBack(): void;
  onNext(): void;
}

export function ComponentsStep({ dossier, refused, onBack, onNext }: ComponentsStepProps) {
  const { t } = useI18n();
  const s = t.portal.submit;
  const [checked, setChecked] = useState(false);
  const missing = dossier.components.filter((c) => c.required && c.files.length === 0);
  const problemOf = (index: number) =>
    refused.find((e) => e.field === `components.${index}`)?.message ??
    (checked && missing.some((c) => c.index === index) ? s.componentMissing : undefined);
  return (
    <section className="panel" aria-labelledby="components-heading">
      <h2 id="components-heading">{s.steps['thanh-phan']}</h2>
      <p className="muted">{s.componentsLead}</p>
      {checked && missing.length > 0 && (
        <Alert type="error" showIcon role="alert" title={s.componentsMissing(missing.length)} className="block" />
      )}
      <div className="components-stack">
        {dossier.components.map((slot) => (
          <ComponentFiles
            key={slot.index}
            dossierId={dossier.id}
            slot={slot}
            editable
            problem={problemOf(slot.index)}
          />
        ))}
      </div>
      <div className="wizard__actions">
        <Button size="large" onClick={onBack}>
          {s.back}
        </Button>
        <Button
          type="primary"
          size="large"
          onClick={() => {
            setChecked(true);
            if (missing.length === 0) onNext();
          }}
        >
          {s.next}
        </Button>
      </div>
    </section>
  );
}
