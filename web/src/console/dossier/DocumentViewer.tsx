// A component's file shown inside the workspace: images as they are, PDFs drawn page by page by PDF.js (its worker
// served from our own assets, no eval, so the page's content security policy holds). Loaded only when a file is
// opened, so the workspace itself stays light.
import { Alert } from 'antd';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { consoleFetch } from '../api/http.ts';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages drawn at most: a viewer, not a reader of whole registers. */
const MAX_PAGES = 20;

export interface ViewedFile {
  url: string;
  name: string;
  mime: string;
}

export default function DocumentViewer({ file }: { file: ViewedFile }) {
  if (file.mime.startsWith('image/')) {
    return (
      <div className="viewer">
        <img src={file.url} alt={file.name} className="viewer__image" />
      </div>
    );
  }
  return <PdfPages file={file} />;
}

function PdfPages({ file }: { file: ViewedFile }) {
  const { t } = useI18n();
  const box = useRef<HTMLElement>(null);
  const [state, setState] = useState<{ pages: number } | { error: true } | null>(null);

  useEffect(() => {
    let cancelled = false;
    const target = box.current;
    const load = async () => {
      const response = await consoleFetch(new Request(file.url));
      if (!response.ok) throw new Error(String(response.status));
      const data = new Uint8Array(await response.arrayBuffer());
      const pdf = await getDocument({ data, isEvalSupported: false }).promise;
      if (cancelled || !target) return;
      target.replaceChildren();
      const count = Math.min(pdf.numPages, MAX_PAGES);
      for (let n = 1; n <= count && !cancelled; n++) {
        const page = await pdf.getPage(n);
        const width = target.clientWidth || 600;
        const viewport = page.getViewport({ scale: Math.min(2, width / page.getViewport({ scale: 1 }).width) });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', t.console.dossier.page(n, pdf.numPages, file.name));
        canvas.className = 'viewer__page';
        target.append(canvas);
        await page.render({ canvas, viewport }).promise;
      }
      setState({ pages: pdf.numPages });
    };
    setState(null);
    load().catch(() => !cancelled && setState({ error: true }));
    return () => {
      cancelled = true;
    };
  }, [file, t]);

  return (
    <div className="viewer">
      {state === null && <p role="status">{t.site.loading}</p>}
      {state && 'error' in state && <Alert type="error" showIcon title={t.console.dossier.cannotShow} />}
      {state && 'pages' in state && state.pages > MAX_PAGES && (
        <p className="muted">{t.console.dossier.firstPages(MAX_PAGES, state.pages)}</p>
      )}
      {/* Scrolls on its own: reachable by keyboard so the arrow keys scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard */}
      <section ref={box} className="viewer__pages" tabIndex={0} aria-label={file.name} />
    </div>
  );
}
