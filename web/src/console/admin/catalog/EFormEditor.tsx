// The e-form of a procedure: its JSON Schema (draft-07, an object at the root; the order of its properties is the
// order of the fields) and @rjsf's UI hints, each written as JSON, with the form drawn beside them as they change.
// Text that is not JSON yet stays as typed, with the reason, and the preview keeps the last form that was.
import { lazy, Suspense, useState } from 'react';
import { useI18n } from '../../../i18n/index.tsx';
import { TextField } from '../common.tsx';
import type { PartProps } from './ContentFields.tsx';

const EFormPreview = lazy(() => import('./EFormPreview.tsx').then((m) => ({ default: m.EFormPreview })));

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** The object a text holds, or why it does not hold one. */
function parseObject(text: string, notObject: string): { value: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? { value: value as Record<string, unknown> }
      : { error: notObject };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function EFormEditor({ content, onChange, errorOf }: PartProps) {
  const { t } = useI18n();
  const c = t.consoleAdmin.catalog;
  const [texts, setTexts] = useState({ schema: pretty(content.eform.schema), ui: pretty(content.eform.ui) });
  const [errors, setErrors] = useState<{ schema?: string; ui?: string }>({});

  const edit = (part: 'schema' | 'ui', text: string) => {
    setTexts((all) => ({ ...all, [part]: text }));
    const parsed = parseObject(text, c.notObject);
    setErrors((all) => ({ ...all, [part]: 'error' in parsed ? c.notJson(parsed.error) : undefined }));
    if ('value' in parsed) onChange({ ...content, eform: { ...content.eform, [part]: parsed.value } });
  };

  return (
    <div className="eform-editor">
      <div className="console-form">
        <TextField
          id="pc-eform-schema"
          label={c.eformSchema}
          hint={c.eformSchemaHint}
          rows={22}
          value={texts.schema}
          error={errors.schema ?? errorOf('eform.schema')}
          onChange={(text) => edit('schema', text)}
        />
        <TextField
          id="pc-eform-ui"
          label={c.eformUi}
          hint={c.eformUiHint}
          rows={8}
          value={texts.ui}
          error={errors.ui ?? errorOf('eform.ui')}
          onChange={(text) => edit('ui', text)}
        />
      </div>
      <section className="panel eform-preview" aria-labelledby="pc-eform-preview">
        <h3 id="pc-eform-preview">{c.preview}</h3>
        <p className="muted">{c.previewLead}</p>
        <Suspense fallback={<p role="status">{t.site.loading}</p>}>
          <EFormPreview schema={content.eform.schema} ui={content.eform.ui} />
        </Suspense>
      </section>
    </div>
  );
}
