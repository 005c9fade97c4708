// A place to drop files or to pick them: a labelled file input (so the keyboard, screen readers and phones use
// their own picker) inside a zone that also takes files dragged onto it.
import { InboxOutlined } from '@ant-design/icons';
import { type DragEvent, type ReactNode, useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';

interface FileDropProps {
  /** What the zone is for, read as the input's label (visually hidden parts included). */
  label: ReactNode;
  /** Types and size, shown under the label. */
  hint: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles(files: File[]): void;
}

export function FileDrop({ label, hint, accept, multiple = false, disabled = false, onFiles }: FileDropProps) {
  const { t } = useI18n();
  const labelId = useId();
  const hintId = useId();
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = [...event.dataTransfer.files];
    if (files.length) onFiles(multiple ? files : files.slice(0, 1));
  };
  return (
    // The whole zone is the input's label: a click anywhere opens the picker, a drop anywhere takes the files.
    <label
      className={`file-drop${over ? ' file-drop--over' : ''}${disabled ? ' file-drop--disabled' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <InboxOutlined aria-hidden className="file-drop__icon" />
      <span id={labelId} className="file-drop__label">
        {label}
      </span>
      <span className="file-drop__action" aria-hidden>
        {t.portal.files.choose}
      </span>
      <span id={hintId} className="file-drop__hint">
        {hint}
      </span>
      <input
        type="file"
        className="file-drop__input"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-labelledby={labelId}
        aria-describedby={hintId}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = ''; // the same file may be chosen again after a refusal
          if (files.length) onFiles(files);
        }}
      />
    </label>
  );
}
