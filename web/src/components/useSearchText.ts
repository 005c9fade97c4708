// The text of a search box, kept in the address as ?q= so that "back" returns to the same results. The box
// owns what is being typed; the address (and the search) follows once typing pauses, so fast typing loses
// no letter and each pause sends one request.
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from './useDebouncedValue.ts';

/** How long typing must pause before a search is sent. */
const TYPING_PAUSE_MS = 250;

export function useSearchText(): { text: string; setText(text: string): void; q: string } {
  const [params, setParams] = useSearchParams();
  const inAddress = params.get('q') ?? '';
  const [text, setText] = useState(inAddress);
  const q = useDebouncedValue(text.trim(), TYPING_PAUSE_MS);
  // Only a pause in typing writes the address: when the address changes otherwise (a link that clears the filters),
  // the text still waiting out its pause must not write itself back, over the filters chosen since.
  const address = useRef(inAddress);
  address.current = inAddress;
  useEffect(() => {
    if (q === address.current) return;
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);
  return { text, setText, q };
}
