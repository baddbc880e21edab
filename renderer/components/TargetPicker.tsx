import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelInfo } from '../../shared/contract/models';
import { presets } from '../../shared/presets';
import { useCatalog } from '../stores/catalog';
import { ErrorBanner } from './ErrorBanner';
import { useProviders } from '../stores/providers';
import type { Target } from '../stores/targets';

interface Props {
  target: Target;
  onChange(target: Target): void;
  /** Only models that can do this (the editor asks for 'edit'). */
  need?: 'generate' | 'edit';
  index?: number;
}

/** A provider and one of its models. A model the provider does not list is replaced by its first one. */
export function TargetPicker({ target, onChange, need = 'generate', index = 0 }: Props) {
  const { t } = useTranslation();
  const providers = useProviders((state) => state.providers);
  const models = useCatalog((state) => state.models[target.providerId]);
  const load = useCatalog((state) => state.load);
  const error = useCatalog((state) => state.errors[target.providerId]);
  useEffect(() => {
    // load() never rejects: a failure is kept in the catalogue's errors and shown below.
    void load(target.providerId);
  }, [target.providerId, load]);
  const usable = (models ?? []).filter((model: ModelInfo) => model[need]);
  useEffect(() => {
    if (models && usable.length > 0 && !usable.some((model) => model.id === target.model))
      onChange({ ...target, model: usable[0]!.id });
  }, [models, usable, target, onChange]);
  const suffix = index === 0 ? '' : `-${index}`;
  return (
    <div className="target-picker">
      <select
        data-testid={`provider-select${suffix}`}
        aria-label={t('generate.provider')}
        value={target.providerId}
        onChange={(event) => onChange({ providerId: event.target.value, model: '' })}
      >
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.label}
            {presets[provider.preset].needsKey && provider.key.status === 'unset' ? ` (${t('generate.noKey')})` : ''}
          </option>
        ))}
      </select>
      {models && usable.length === 0 ? (
        // Said in words rather than an empty picker (the editor then disables Edit).
        <p className="notice" role="status" data-testid={`no-model${suffix}`}>
          {t(`picker.noModel.${need}`, {
            provider: providers.find((provider) => provider.id === target.providerId)?.label ?? target.providerId,
          })}
        </p>
      ) : (
        <select
          data-testid={`model-select${suffix}`}
          aria-label={t('generate.model')}
          value={target.model}
          onChange={(event) => onChange({ ...target, model: event.target.value })}
        >
          {usable.map((model) => (
            <option key={model.id} value={model.id}>
              {model.label}
            </option>
          ))}
        </select>
      )}
      {error && <ErrorBanner error={error} testId={`catalog-error${suffix}`} />}
    </div>
  );
}
