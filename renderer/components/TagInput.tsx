import { useState } from 'react';

interface TagInputProps {
  testId: string;
  label: string;
  onAdd(names: string[]): void;
  /** The detail panel also keeps what was typed when the field loses focus. */
  commitOnBlur?: boolean;
}

/** A field that adds tags: Enter or a comma (also the full-width ，) adds what was typed. Typing here is text, never a gallery shortcut. */
export function TagInput({ testId, label, onAdd, commitOnBlur = false }: TagInputProps) {
  const [draft, setDraft] = useState('');
  const commit = () => {
    const names = draft
      .split(/[,，]/)
      .map((name) => name.trim())
      .filter(Boolean);
    setDraft('');
    if (names.length > 0) onAdd(names);
  };
  return (
    <input
      data-testid={testId}
      aria-label={label}
      placeholder={label}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter' || event.key === ',') {
          event.preventDefault();
          commit();
        }
      }}
      onBlur={commitOnBlur ? commit : undefined}
    />
  );
}
