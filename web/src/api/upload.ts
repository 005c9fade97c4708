// Uploads with a progress bar: fetch cannot report upload progress, XMLHttpRequest can. A failure of the network
// (the connection dropped, the phone went through a tunnel) is told apart from a refusal by the server, because
// only the first is worth sending again; the server makes a resent file harmless (same bytes, same component →
// the file already stored).
import { problemOf } from './client.ts';
import { csrfHeaders, sessionLost } from './session.ts';

/** The connection failed before an answer came: sending again may work. */
export class NetworkError extends Error {}

export interface UploadOptions {
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

/** POSTs the form as multipart with the applicant's CSRF token; resolves with the JSON answer. */
export function upload<T>(url: string, form: FormData, { onProgress, signal }: UploadOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(xhr.response as T);
        return;
      }
      if (xhr.status === 401) sessionLost();
      const response = new Response(null, { status: xhr.status, statusText: xhr.statusText });
      reject(problemOf(response, xhr.response));
    };
    xhr.onerror = () => reject(new NetworkError('network'));
    xhr.ontimeout = () => reject(new NetworkError('timeout'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * `attempt` again after a network failure, waiting longer each time (1 s, 3 s, 9 s); a refusal by the server is
 * final. `onRetry(n)` tells the page, as soon as the failure is known, that attempt `n` is coming.
 */
export async function withRetries<T>(attempt: () => Promise<T>, onRetry: (n: number) => void, tries = 4): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof NetworkError) || n >= tries) throw error;
      onRetry(n + 1);
      await new Promise((r) => setTimeout(r, 1000 * 3 ** (n - 1)));
    }
  }
}
