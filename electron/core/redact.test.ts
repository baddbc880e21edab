// Keys must not reach error messages or log lines, whether the core registered them or not.
import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import type { HandlerTable } from './handlers';
import { redact, redactValue, registerSecret } from './redact';
import { createSecretStore } from './secrets/create-secret-store';
import { recognisableKey } from '../../test/secrets/helpers';

describe('redaction', () => {
  it('hides every key the secret store has read or saved, keeping its last four characters', async () => {
    const saved = recognisableKey();
    const fromEnv = recognisableKey();
    const store = createSecretStore({ keychain: false, env: { ATELIER_KEY_FAL: fromEnv } });
    await store.set('openai', saved);
    await store.get('fal');
    const line = redact(`request failed with ${saved}; fallback ${fromEnv}`);
    expect(line).toBe(`request failed with ***${saved.slice(-4)}; fallback ***${fromEnv.slice(-4)}`);
  });

  it('hides keys it was never told about in auth headers, key headers, JSON fields, queries and URLs', () => {
    const unknown = 'zz-unregistered-9f8e7d6c5b4a';
    const lines = [
      `Authorization: Bearer ${unknown}`,
      `authorization: Key ${unknown}`,
      `x-api-key: ${unknown}`,
      `{"api_key":"${unknown}","model":"flux"}`,
      `GET https://api.example.com/v1/models?key=${unknown}&x=1`,
      `https://user:${unknown}@relay.example.com/v1`,
    ];
    for (const line of lines) expect(redact(line), line).not.toContain(unknown);
    expect(redact(`{"api_key":"${unknown}","model":"flux"}`)).toBe('{"api_key":"***","model":"flux"}');
  });

  it('hides keys in error stacks and serialised objects about to be logged', () => {
    const key = recognisableKey();
    registerSecret(key);
    expect(redactValue(new Error(`boom ${key}`))).not.toContain(key);
    expect(redactValue({ headers: { authorization: `Bearer ${key}` } })).not.toContain(key);
  });

  it('hides a key that a failing handler put in its error message before it reaches the renderer', async () => {
    const key = recognisableKey();
    registerSecret(key);
    const handlers = {
      'app.ping': () => {
        throw new Error(`upstream said: invalid key ${key}`);
      },
    } as unknown as HandlerTable;
    const answer = await dispatch(handlers, 'app.ping', { nonce: 'n' }, { transport: 'test' });
    expect(answer.ok).toBe(false);
    expect(JSON.stringify(answer)).not.toContain(key);
    expect(JSON.stringify(answer)).toContain(`***${key.slice(-4)}`);
  });
});
