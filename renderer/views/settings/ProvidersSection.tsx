// Settings → Providers: where keys live, each provider's key status and connection test, and a form
// to add one. A key is typed into an uncontrolled field, sent once, and the field is cleared: it never
// enters React or zustand state, and nothing ever sends it back.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addablePresetIds, type PresetId, presets } from '../../../shared/presets';
import { ErrorBanner } from '../../components/ErrorBanner';
import { type ProviderEntry, type TestState, useProviders } from '../../stores/providers';
import { ProviderTimeout } from './ProviderTimeout';

export function ProvidersSection() {
  const { t } = useTranslation();
  const { providers, storage, error, load, dismissError } = useProviders();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <fieldset className="card" data-testid="settings-providers">
      <legend>{t('providers.title')}</legend>
      {storage && (
        <p data-testid="secrets-backend" data-backend={storage.backend}>
          {t('providers.storage', { backend: t(`providers.backends.${storage.backend}`) })}
        </p>
      )}
      {storage?.warning && (
        <div className="error-banner" role="alert" data-testid="secrets-warning">
          {/* The sentence by where keys ended up; the core's words add why the keychain could not be used. */}
          <p>{t(`providers.weakerStorage.${storage.backend}`, { defaultValue: storage.warning })}</p>
          <p className="error-detail" lang="en">
            {storage.warning}
          </p>
        </div>
      )}
      {error && <ErrorBanner error={error} onDismiss={dismissError} testId="providers-error" />}
      {providers.map((provider) => (
        <ProviderRow key={provider.id} provider={provider} />
      ))}
      <AddProviderForm />
    </fieldset>
  );
}

function ProviderRow({ provider }: { provider: ProviderEntry }) {
  const { t } = useTranslation();
  const { saveKey, removeKey, setBaseUrl, remove, test } = useProviders();
  const testState = useProviders((state) => state.tests[provider.id]);
  const keyField = useRef<HTMLInputElement>(null);
  const [baseUrl, setBaseUrlDraft] = useState(provider.baseUrl ?? '');
  const spec = presets[provider.preset];
  // A base URL changed elsewhere (another window, the CLI) replaces the draft: adjusted while rendering,
  // as React advises, rather than in an effect that would paint the stale value first.
  const [shownBaseUrl, setShownBaseUrl] = useState(provider.baseUrl);
  if (shownBaseUrl !== provider.baseUrl) {
    setShownBaseUrl(provider.baseUrl);
    setBaseUrlDraft(provider.baseUrl ?? '');
  }

  const onSaveKey = async (event: FormEvent) => {
    event.preventDefault();
    const field = keyField.current;
    if (!field || !field.value.trim()) return;
    const key = field.value;
    field.value = '';
    await saveKey(provider.id, key);
  };

  return (
    <section
      className="card"
      data-testid="settings-provider"
      data-provider-id={provider.id}
      aria-label={provider.label}
    >
      <dl className="facts">
        <dt>{provider.label}</dt>
        <dd>
          {spec.label} · <code>{provider.id}</code>
        </dd>
        <dt>{t('providers.keyLabel')}</dt>
        <dd
          data-testid="key-status"
          data-status={spec.needsKey ? provider.key.status : 'none'}
          data-backend={provider.key.backend ?? ''}
        >
          {keyStatusText(t, provider)}
        </dd>
      </dl>
      {!spec.offline && (
        <label>
          {t('providers.baseUrl')}
          <span>
            <input
              data-testid="provider-base-url"
              value={baseUrl}
              onChange={(event) => setBaseUrlDraft(event.target.value)}
            />{' '}
            <button
              type="button"
              data-testid="provider-base-url-save"
              disabled={baseUrl === (provider.baseUrl ?? '')}
              onClick={() => setBaseUrl(provider.id, baseUrl)}
            >
              {t('providers.saveBaseUrl')}
            </button>
          </span>
        </label>
      )}
      {!spec.offline && <ProviderTimeout provider={provider} />}
      {spec.needsKey && (
        <form onSubmit={onSaveKey}>
          <label>
            {provider.key.status === 'set' ? t('providers.replaceKey') : t('providers.newKey')}
            <span>
              <input
                ref={keyField}
                data-testid="key-input"
                type="password"
                autoComplete="off"
                spellCheck={false}
                placeholder={t('providers.keyPlaceholder')}
                aria-label={t('providers.keyFor', { name: provider.label })}
              />{' '}
              <button type="submit" data-testid="key-save">
                {t('providers.saveKey')}
              </button>{' '}
              {provider.key.status === 'set' && provider.key.backend !== 'env' && (
                <button type="button" data-testid="key-remove" onClick={() => removeKey(provider.id)}>
                  {t('providers.removeKey')}
                </button>
              )}
            </span>
          </label>
        </form>
      )}
      <div>
        <button
          type="button"
          data-testid="provider-test"
          disabled={testState?.state === 'testing'}
          onClick={() => test(provider.id)}
        >
          {testState?.state === 'testing' ? t('providers.testing') : t('providers.test')}
        </button>{' '}
        {!spec.builtIn && (
          <button type="button" data-testid="provider-remove" onClick={() => remove(provider.id)}>
            {t('providers.remove')}
          </button>
        )}
      </div>
      {testState?.state === 'done' && <TestResult result={testState} />}
    </section>
  );
}

function TestResult({ result }: { result: Extract<TestState, { state: 'done' }> }) {
  const { t } = useTranslation();
  return (
    <p data-testid="provider-test-result" data-outcome={result.outcome} role="status">
      <strong>{t(`providers.outcomes.${result.outcome}`)}</strong> — {result.message}
    </p>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function keyStatusText(t: Translate, provider: ProviderEntry): string {
  if (!presets[provider.preset].needsKey) return t('providers.noKeyNeeded');
  const { key } = provider;
  if (key.status === 'unset' || !key.backend) return t('providers.keyUnset');
  const backend = t(`providers.backends.${key.backend}`);
  return key.last4 ? t('providers.keySet', { last4: key.last4, backend }) : t('providers.keySetShort', { backend });
}

function AddProviderForm() {
  const { t } = useTranslation();
  const add = useProviders((state) => state.add);
  const [id, setId] = useState('');
  const [preset, setPreset] = useState<PresetId>('quickrouter');
  const [baseUrl, setBaseUrl] = useState('');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const added = await add({ id: id.trim(), preset, ...(baseUrl.trim() && { baseUrl: baseUrl.trim() }) });
    if (added) {
      setId('');
      setBaseUrl('');
    }
  };

  return (
    <form className="card" onSubmit={onSubmit} data-testid="provider-add-form">
      <strong>{t('providers.add')}</strong>
      <label>
        {t('providers.addPreset')}
        <select
          data-testid="provider-add-preset"
          value={preset}
          onChange={(event) => setPreset(event.target.value as PresetId)}
        >
          {addablePresetIds.map((value) => (
            <option key={value} value={value}>
              {presets[value].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('providers.addId')}
        <input
          data-testid="provider-add-id"
          value={id}
          onChange={(event) => setId(event.target.value)}
          placeholder={preset}
          required
        />
      </label>
      {!presets[preset].offline && (
        <label>
          {t('providers.baseUrl')}
          <input
            data-testid="provider-add-base-url"
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
            placeholder={presets[preset].defaultBaseUrl ?? 'https://'}
          />
        </label>
      )}
      <div>
        <button type="submit" data-testid="provider-add">
          {t('providers.addButton')}
        </button>
      </div>
    </form>
  );
}
