// The e-form of a draft, saved as the applicant types: each change is kept at once in this tab (sessionStorage)
// and sent to the server once typing pauses (PATCH with If-Match). Only the fields that pass the browser's check
// are sent, because the server refuses a draft with a wrong value in it; a field being typed is saved once it is
// right. When the draft was saved elsewhere meanwhile (412), the newer version is read and what is typed here is
// saved over it: the screen the applicant is looking at wins, and nothing they typed is lost.

import type { ValidatorType } from '@rjsf/utils';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ProblemError } from '../../api/client.ts';
import { type DossierDetail, dossierKey, fetchDossier, saveDraft } from '../../api/dossiers.ts';
import { keepTyped, typedEform } from './wizard-storage.ts';

const TYPING_PAUSE_MS = 1200;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'overwritten'; at: Date }
  | { kind: 'failed'; error: unknown };

type Data = Record<string, unknown>;

/** The data without the top-level fields the validator refuses. */
function validPart(validator: ValidatorType, schema: object, data: Data): Data {
  const { errors = [] } = validator.rawValidation<{ property?: string }>(schema, data);
  const refused = new Set(errors.map((e) => e.property?.split('.')[1]).filter(Boolean));
  return Object.fromEntries(Object.entries(data).filter(([key]) => !refused.has(key)));
}

export function useEformDraft(dossier: DossierDetail, schema: object, validator: ValidatorType, prefill: Data) {
  const queryClient = useQueryClient();
  const [data, setData] = useState<Data>(() => {
    const typed = typedEform(dossier.id);
    if (typed) return typed;
    return Object.keys(dossier.eform).length ? dossier.eform : prefill;
  });
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const version = useRef(dossier.version);
  const latest = useRef(data);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<boolean> | null>(null);
  // Read at save time, so that saving stays one stable function whatever re-renders the form.
  const check = useRef({ schema, validator });
  check.current = { schema, validator };

  // A version read from the server (after an upload, a refetch) is the one to send next.
  useEffect(() => {
    version.current = Math.max(version.current, dossier.version);
  }, [dossier.version]);

  /** Saves what is typed now; resolves whether the server has it. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    await running.current; // one save at a time, so versions follow each other
    const send = async (overwrite: boolean): Promise<boolean> => {
      const eform = validPart(check.current.validator, check.current.schema, latest.current);
      try {
        const saved = await saveDraft(dossier.id, version.current, eform);
        version.current = saved.version;
        queryClient.setQueryData<DossierDetail>(dossierKey(dossier.id), (d) => (d ? { ...d, ...saved } : d));
        setState({ kind: overwrite ? 'overwritten' : 'saved', at: new Date() });
        return true;
      } catch (error) {
        if (error instanceof ProblemError && error.status === 412 && !overwrite) {
          const fresh = await fetchDossier(dossier.id).catch(() => null);
          if (fresh) {
            queryClient.setQueryData(dossierKey(dossier.id), fresh);
            version.current = fresh.version;
            return send(true);
          }
        }
        setState({ kind: 'failed', error });
        return false;
      }
    };
    setState({ kind: 'saving' });
    running.current = send(false);
    const saved = await running.current;
    running.current = null;
    return saved;
  }, [dossier.id, queryClient]);

  const change = useCallback(
    (next: Data) => {
      latest.current = next;
      setData(next);
      keepTyped(dossier.id, next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), TYPING_PAUSE_MS);
    },
    [dossier.id, saveNow],
  );

  // Leaving the step with a save still waiting for the pause: save it now rather than drop it.
  useEffect(
    () => () => {
      if (timer.current === undefined) return;
      clearTimeout(timer.current);
      void saveNow();
    },
    [saveNow],
  );
  return { data, change, saveNow, state };
}
