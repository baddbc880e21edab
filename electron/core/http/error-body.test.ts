import { describe, expect, it } from 'vitest';
import { httpErrorToAppError, okBodyFailure } from './error-body';

describe('a provider refusal carries its kind and the facts its sentence needs', () => {
  it.each([
    [401, 'auth_refused', 'key_refused'],
    [403, 'auth_refused', 'key_refused'],
    [402, 'provider_failed', 'payment_required'],
    [429, 'provider_failed', 'rate_limited'],
    [400, 'invalid_input', 'request_rejected'],
    [503, 'provider_failed', 'provider_down'],
  ])('%i → %s, kind %s', (status, code, kind) => {
    const error = httpErrorToAppError('ImageRouter', status, { message: 'No.' }, '/v1/images/generations');
    expect(error.code).toBe(code);
    // The status stays beside the kind: the retry policy reads it.
    expect(error.details).toMatchObject({ kind, provider: 'ImageRouter', status });
  });

  it('a 404 names where it looked', () => {
    const error = httpErrorToAppError('ImageRouter', 404, null, '/v1/images/generations');
    expect(error.details).toMatchObject({ kind: 'endpoint_not_found', path: '/v1/images/generations', status: 404 });
  });

  it('a key refused inside a 200 answer is key_refused too', () => {
    const error = okBodyFailure('ImageRouter', 200, { message: 'Invalid API key', type: 'authentication_error' });
    expect(error.details).toMatchObject({ kind: 'key_refused', provider: 'ImageRouter', status: 200 });
  });
});
