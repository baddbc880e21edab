import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../../shared/contract/models';
import { maxNegativePromptChars } from '../../../shared/limits';
import './targets.css';

interface Props {
  /** The model of each target (undefined while its catalogue loads). */
  models: (ModelInfo | undefined)[];
  value: string;
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter in the field sends, as in the prompt. */
  onSubmit(): void;
}

/**
 * The negative prompt, offered where a chosen model takes one (and sent to those alone, like the seed); beside models
 * that take none, a line says which ones it goes to.
 */
export function NegativePromptField({ models, value, onChange, onSubmit }: Props) {
  const { t } = useTranslation();
  const taking = models.filter((model) => model?.negativePrompt === true).map((model) => model!.label);
  if (taking.length === 0) return null;
  const scope = taking.length < models.length ? [...new Set(taking)].join(', ') : null;
  return (
    <>
      <label className="negative-prompt">
        <span className="muted">{t('generate.negativePrompt')}</span>
        <textarea
          data-testid="negative-prompt-input"
          placeholder={t('generate.negativePlaceholder')}
          rows={2}
          maxLength={maxNegativePromptChars}
          aria-describedby={scope ? 'negative-prompt-scope' : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              onSubmit();
            }
          }}
        />
      </label>
      {scope && (
        <p className="muted hint negative-scope" id="negative-prompt-scope" data-testid="negative-prompt-scope">
          {t('generate.negativeOnlyFor', { models: scope })}
        </p>
      )}
    </>
  );
}
