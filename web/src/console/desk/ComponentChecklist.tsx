// The components the procedure asks for: a box to tick for each paper received, and its scan. Files are checked
// here only for what the catalogue allows (type by extension, size); the server sniffs the bytes and says which
// file it refuses.
import { useI18n } from '../../i18n/index.tsx';

export interface ComponentSpec {
  name: string;
  form: string;
  copies: number;
  required: boolean;
  acceptedTypes: string[];
  maxSizeMb: number;
}

export type Checklist = Record<number, { received: boolean; files: File[] }>;

const EXTENSIONS: Record<string, string[]> = { jpg: ['.jpg', '.jpeg'] };
const acceptOf = (types: string[]) => types.flatMap((type) => EXTENSIONS[type] ?? [`.${type}`]).join(',');

export function ComponentChecklist({
  components,
  value,
  onChange,
  error,
  sent,
}: {
  components: ComponentSpec[];
  value: Checklist;
  onChange(value: Checklist): void;
  error: string | undefined;
  /** Scans already sent for the dossier being received: they stay, the others may still change. */
  sent: Set<File>;
}) {
  const { t } = useI18n();
  const set = (n: number, change: Partial<Checklist[number]>) =>
    onChange({ ...value, [n]: { received: false, files: [], ...value[n], ...change } });

  if (components.length === 0) return <p className="muted">{t.console.desk.noComponents}</p>;
  return (
    <>
      <ol className="checklist">
        {components.map((c, i) => {
          const n = i + 1;
          const entry = value[n];
          const tooBig = entry?.files.find((f) => f.size > c.maxSizeMb * 1_048_576);
          return (
            <li key={c.name} className="checklist__item">
              <label className="checklist__received">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={entry?.received ?? false}
                  onChange={(e) => set(n, { received: e.target.checked })}
                />
                <span>
                  <span lang="vi">{c.name}</span>
                  {c.required && <span className="required-mark"> *</span>}
                  <span className="muted">
                    {' '}
                    ({t.vocab.form[c.form as 'original'] ?? c.form}, {t.procedure.copies(c.copies)})
                  </span>
                </span>
              </label>
              <label className="checklist__scan">
                <span>{t.console.desk.scan(n)}</span>
                <input
                  type="file"
                  accept={acceptOf(c.acceptedTypes)}
                  multiple
                  disabled={entry?.files.some((f) => sent.has(f))}
                  onChange={(e) =>
                    set(n, {
                      files: [...(e.target.files ?? [])],
                      received: (e.target.files?.length ?? 0) > 0 || entry?.received,
                    })
                  }
                />
              </label>
              <span className="checklist__files">
                {entry?.files.map((f) => (
                  <span key={f.name}>
                    {f.name}
                    {sent.has(f) && ` ✓ ${t.console.desk.sent}`}
                  </span>
                ))}
                {tooBig && (
                  <span className="field__error" role="alert">
                    {t.console.desk.tooBig(tooBig.name, c.maxSizeMb)}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      {error && (
        <p className="field__error" role="alert" lang="vi">
          {error}
        </p>
      )}
      <p className="field__hint">{t.console.desk.componentsHint}</p>
    </>
  );
}
