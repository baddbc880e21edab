import { useRef } from 'react';

/**
 * A real button that opens the file chooser: reachable with Tab and pressed with Enter or Space, unlike a label
 * around a hidden input. The input keeps its test id, so tests can still set files on it.
 */
export function FilePickButton({
  label,
  accept,
  multiple = false,
  testId,
  buttonTestId,
  className,
  ariaLabel,
  onFiles,
}: {
  label: string;
  accept: string;
  multiple?: boolean;
  testId: string;
  buttonTestId?: string;
  className?: string;
  /** For a button whose label is a symbol (⇄): what it does, said and shown as its tooltip. */
  ariaLabel?: string;
  onFiles(files: File[]): unknown;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        data-testid={buttonTestId}
        aria-label={ariaLabel}
        title={ariaLabel}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple={multiple}
        hidden
        tabIndex={-1}
        data-testid={testId}
        accept={accept}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          return onFiles(files);
        }}
      />
    </>
  );
}
