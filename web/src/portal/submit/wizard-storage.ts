// What the wizard keeps in this tab's sessionStorage, so that nothing typed is lost when the session expires (the
// applicant signs in again and comes back), the page is reloaded or the network drops: the e-form as typed, and
// the idempotency keys of the opening and of the submission, kept until the server has answered them.

type Stored = Record<string, unknown>;

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or refused: the draft saved on the server still holds what was saved last
  }
}

const eformKey = (dossierId: string) => `congso.eform.${dossierId}`;

/** The e-form as last typed in this tab, newer than the draft saved on the server when a save did not happen. */
export const typedEform = (dossierId: string) => read<Stored>(eformKey(dossierId));
export const keepTyped = (dossierId: string, data: Stored) => write(eformKey(dossierId), data);

/** The key of one intended change, made on first use and kept until `forgetKey`. */
export function keyFor(purpose: string, make: () => string): string {
  const key = `congso.key.${purpose}`;
  const kept = read<string>(key);
  if (kept) return kept;
  const made = make();
  write(key, made);
  return made;
}

export const forgetKey = (purpose: string) => write(`congso.key.${purpose}`, null);

/** Everything kept for a dossier once it is submitted or discarded. */
export function forgetDossier(dossierId: string): void {
  write(eformKey(dossierId), null);
  forgetKey(`submit.${dossierId}`);
}
