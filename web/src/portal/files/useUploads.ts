// The uploads of one component under way: each file checked in the browser first, then sent with a progress bar,
// sent again by itself after a network failure (the server keeps one copy of the same bytes), and left with a
// "try again" when the connection stays down. A refusal by the server is shown as it is, with no retry.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { dossierKey, uploadComponentFile } from '../../api/dossiers.ts';
import { NetworkError, withRetries } from '../../api/upload.ts';
import { type Refusal, refusalOf } from './file-check.ts';

export type Upload =
  | { key: string; file: File; state: 'uploading'; progress: number; attempt: number }
  | { key: string; file: File; state: 'refused'; refusal: Refusal }
  | { key: string; file: File; state: 'failed'; error: unknown };

let counter = 0;

export function useUploads(dossierId: string, slot: { index: number; acceptedTypes: string[]; maxSizeMb: number }) {
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const put = useCallback(
    (upload: Upload) => setUploads((list) => list.map((u) => (u.key === upload.key ? upload : u))),
    [],
  );
  const drop = useCallback((key: string) => setUploads((list) => list.filter((u) => u.key !== key)), []);

  const send = useCallback(
    async (key: string, file: File) => {
      put({ key, file, state: 'uploading', progress: 0, attempt: 1 });
      try {
        await withRetries(
          () =>
            uploadComponentFile(dossierId, slot.index, file, {
              onProgress: (progress) =>
                setUploads((list) =>
                  list.map((u) => (u.key === key && u.state === 'uploading' ? { ...u, progress } : u)),
                ),
            }),
          (attempt) => put({ key, file, state: 'uploading', progress: 0, attempt }),
        );
        await queryClient.invalidateQueries({ queryKey: dossierKey(dossierId) });
        drop(key);
      } catch (error) {
        put({ key, file, state: 'failed', error });
      }
    },
    [dossierId, slot.index, queryClient, put, drop],
  );

  const add = useCallback(
    async (files: File[]) => {
      const added = files.map((file) => ({ key: `u${++counter}`, file }));
      setUploads((list) => [
        ...list,
        ...added.map(({ key, file }) => ({ key, file, state: 'uploading' as const, progress: 0, attempt: 1 })),
      ]);
      await Promise.all(
        added.map(async ({ key, file }) => {
          const refusal = await refusalOf(file, slot.acceptedTypes, slot.maxSizeMb);
          if (refusal) put({ key, file, state: 'refused', refusal });
          else await send(key, file);
        }),
      );
    },
    [slot.acceptedTypes, slot.maxSizeMb, put, send],
  );

  return {
    uploads,
    add,
    retry: (u: Upload) => send(u.key, u.file),
    dismiss: drop,
    busy: uploads.some((u) => u.state === 'uploading'),
  };
}

export const isNetworkFailure = (error: unknown) => error instanceof NetworkError;
