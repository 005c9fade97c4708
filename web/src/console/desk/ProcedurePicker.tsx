// Step 1 of a reception: find the procedure among those offered at the desk, by typing part of its name or code.
// Enter in the box takes the first result; the down arrow (or Tab) reaches the others, Enter chooses.
import { Button, Input } from 'antd';
import { type KeyboardEvent, useId, useState } from 'react';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useOfferedProcedures } from './desk-api.ts';

const resultButtons = (from: HTMLElement) => [
  ...(from.closest('.procedure-picker')?.querySelectorAll<HTMLButtonElement>('.procedure-option') ?? []),
];

function moveAmongResults(event: KeyboardEvent<HTMLButtonElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  event.preventDefault();
  const buttons = resultButtons(event.currentTarget);
  const at = buttons.indexOf(event.currentTarget) + (event.key === 'ArrowDown' ? 1 : -1);
  buttons[Math.max(0, Math.min(at, buttons.length - 1))]?.focus();
}

export interface ChosenProcedure {
  code: string;
  name: string;
}

export function ProcedurePicker({
  agencyId,
  chosen,
  onChoose,
  locked,
}: {
  agencyId: string;
  chosen: ChosenProcedure | null;
  onChoose(procedure: ChosenProcedure | null): void;
  locked: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 200);
  const found = useOfferedProcedures(agencyId, q);
  const items = q ? (found.data?.items ?? []) : [];

  if (chosen) {
    return (
      <div className="chosen-procedure">
        <p>
          <strong lang="vi">{chosen.name}</strong> <span className="muted">({chosen.code})</span>
        </p>
        {!locked && (
          <Button onClick={() => onChoose(null)} id={`${id}-change`}>
            {t.console.desk.changeProcedure}
          </Button>
        )}
      </div>
    );
  }

  // Enter in the search box takes the first result, so a well-typed name needs no further key.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const first = q === text.trim() && !found.isFetching ? items[0] : undefined;
    if (event.key === 'Enter' && first) {
      event.preventDefault();
      onChoose({ code: first.code, name: first.name });
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      resultButtons(event.currentTarget)[0]?.focus();
    }
  };

  return (
    <div className="procedure-picker field">
      <label htmlFor={`${id}-q`}>{t.console.desk.findProcedure}</label>
      <Input
        id={`${id}-q`}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t.console.desk.findPlaceholder}
        autoComplete="off"
        aria-describedby={`${id}-status`}
        autoFocus
      />
      <p id={`${id}-status`} className="field__hint" aria-live="polite">
        {q && !found.isFetching ? t.console.desk.found(items.length) : t.console.desk.findHint}
      </p>
      {items.length > 0 && (
        <ul className="procedure-picker__results" aria-label={t.console.desk.results}>
          {items.map((p) => (
            <li key={p.code}>
              <button
                type="button"
                className="procedure-option"
                onClick={() => onChoose({ code: p.code, name: p.name })}
                onKeyDown={moveAmongResults}
              >
                <span lang="vi">{p.name}</span>
                <span className="muted"> · {p.code}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
