// The applicant at the counter. The identity number comes first: it is checked as the server checks it (the
// citizens module's rule, imported), and once it is whole, an applicant who came before is found through the
// dossier list's search and their details can be filled in with one key.
import { Button, Input } from 'antd';
import { readIdentityNumber } from '../../../../server/src/modules/citizens/identity-number.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Applicant } from '../api/dossiers.ts';
import { describedBy, Field, vnToday } from '../parts.tsx';
import { useEarlierApplicant } from './desk-api.ts';

export interface ApplicantValues {
  identityNumber: string;
  name: string;
  phone: string;
  email: string;
  address: string;
}

export const emptyApplicant: ApplicantValues = { identityNumber: '', name: '', phone: '', email: '', address: '' };

/** Why the identity number cannot be right, in Vietnamese, or null (an empty number is allowed). */
export function identityProblem(text: string): string | null {
  if (!text.trim()) return null;
  const read = readIdentityNumber(text, vnToday());
  return typeof read === 'string' ? read : null;
}

const compact = (text: string) => text.replace(/\s+/g, '');

export function applicantOf(values: ApplicantValues): Applicant {
  const optional = (v: string) => (v.trim() ? v.trim() : null);
  return {
    name: values.name.trim(),
    identityNumber: optional(compact(values.identityNumber)),
    phone: optional(values.phone),
    email: optional(values.email),
    address: optional(values.address),
  };
}

const FIELDS = ['name', 'phone', 'email', 'address'] as const;

export function ApplicantFields({
  id,
  value,
  onChange,
  errorOf,
}: {
  /** Prefix of the fields' ids; the identity number's is `${id}-identity`. */
  id: string;
  value: ApplicantValues;
  onChange(value: ApplicantValues): void;
  errorOf(field: string): string | undefined;
}) {
  const { t } = useI18n();
  const identity = compact(value.identityNumber);
  const whole = /^\d{9}$|^\d{12}$/.test(identity) && identityProblem(identity) === null;
  const earlier = useEarlierApplicant(whole ? identity : null);
  const set = (field: keyof ApplicantValues, text: string) => onChange({ ...value, [field]: text });
  const identityError = errorOf('applicant.identityNumber') ?? (whole ? undefined : liveIdentityProblem(identity));
  const found = earlier.data;

  return (
    <div className="field-grid-2">
      <Field
        id={`${id}-identity`}
        label={t.console.desk.identityNumber}
        error={identityError}
        hint={t.console.desk.identityHint}
      >
        <Input
          id={`${id}-identity`}
          value={value.identityNumber}
          onChange={(e) => set('identityNumber', e.target.value)}
          inputMode="numeric"
          autoComplete="off"
          maxLength={15}
          aria-invalid={identityError ? true : undefined}
          aria-describedby={describedBy(`${id}-identity`, identityError, true)}
        />
      </Field>
      <div className="earlier-applicant" aria-live="polite">
        {found && (
          <>
            <p>
              {t.console.desk.earlier(found.dossiers)} <strong lang="vi">{found.applicant.name}</strong>
              {found.applicant.phone && <> · {found.applicant.phone}</>}
            </p>
            <Button
              size="small"
              onClick={() =>
                onChange({
                  identityNumber: value.identityNumber,
                  name: found.applicant.name,
                  phone: found.applicant.phone ?? '',
                  email: found.applicant.email ?? '',
                  address: found.applicant.address ?? '',
                })
              }
            >
              {t.console.desk.useEarlier}
            </Button>
          </>
        )}
        {whole && earlier.isSuccess && !found && <p className="muted">{t.console.desk.firstTime}</p>}
      </div>
      {FIELDS.map((field) => {
        const fieldId = `${id}-${field}`;
        const error = errorOf(`applicant.${field}`);
        return (
          <Field
            key={field}
            id={fieldId}
            error={error}
            label={
              <>
                {t.console.desk.applicantFields[field]}
                {field === 'name' && <span className="required-mark"> *</span>}
              </>
            }
          >
            <Input
              id={fieldId}
              value={value[field]}
              onChange={(e) => set(field, e.target.value)}
              required={field === 'name'}
              type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(fieldId, error)}
            />
          </Field>
        );
      })}
    </div>
  );
}

/** While typing, only a number that cannot become valid is flagged: letters, or more digits than a number has. */
function liveIdentityProblem(identity: string): string | undefined {
  if (!identity) return undefined;
  if (/\D/.test(identity) || identity.length > 12 || identity.length === 12)
    return identityProblem(identity) ?? undefined;
  return undefined;
}
