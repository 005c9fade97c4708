import { SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useId } from 'react';
import { useI18n } from '../i18n/index.tsx';

interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
  onSubmit?(): void;
}

/** One labelled search field (with a button when submitting leads somewhere); results follow as one types. */
export function SearchBox({ value, onChange, onSubmit }: SearchBoxProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <search>
      <form
        className="search-box"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit?.();
        }}
      >
        <label htmlFor={id} className="search-box__label">
          {t.search.label}
        </label>
        <div className="search-box__row">
          <Input
            id={id}
            type="search"
            size="large"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            placeholder={t.search.placeholder}
            prefix={<SearchOutlined aria-hidden />}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            maxLength={200}
          />
          {onSubmit && (
            <Button type="primary" htmlType="submit" size="large">
              {t.search.submit}
            </Button>
          )}
        </div>
      </form>
    </search>
  );
}
