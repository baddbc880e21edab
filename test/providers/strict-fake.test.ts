// The fake server refuses what the real services refuse, so a lenient client cannot pass against it: unknown
// fields on OpenAI, response_format for GPT image models, the wrong auth scheme, and fal's platform error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey });
});
afterAll(() => fake.close());

const post = (path: string, body: unknown, authorization = `Bearer ${testKey}`) =>
  fetch(`${fake.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the fake is as strict as the real services', () => {
  it('OpenAI answers an unknown field with 400 unknown_parameter, naming it', async () => {
    const answer = await post('/v1/images/generations', { model: 'dall-e-3', prompt: 'x', seed: 7 });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: {
        message: "Unknown parameter: 'seed'.",
        type: 'invalid_request_error',
        param: 'seed',
        code: 'unknown_parameter',
      },
    });
  });

  it('the client shows that refusal as a request to change, not a retry', async () => {
    const since = fake.requests.length;
    const adapter = adapterFor(fake.baseUrl, 'quickrouter', 'dall-e-3');
    const error = await adapter.submit({ model: 'dall-e-3', prompt: 'x', extra: { seed: 7 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    expect((error as AppError).message).toContain("Unknown parameter: 'seed'.");
    expect(fake.requests.length - since).toBe(1);
  });

  it('OpenAI refuses response_format for a GPT image model, and takes it for dall-e', async () => {
    const gpt = await post('/v1/images/generations', { model: 'gpt-image-1', prompt: 'x', response_format: 'url' });
    expect(gpt.status).toBe(400);
    expect(((await gpt.json()) as { error: { param: string } }).error.param).toBe('response_format');
    const dalle = await post('/v1/images/generations', { model: 'dall-e-2', prompt: 'x', response_format: 'b64_json' });
    expect(dalle.status).toBe(200);
  });

  it('ImageRouter strips what it does not keep instead of refusing it', async () => {
    const answer = await post('/v1/openai/images/generations', { model: 'test/test', prompt: 'x', seed: 7, n: 2 });
    expect(answer.status).toBe(200);
  });

  it('ImageRouter answers created in seconds for a real model and in ms for test/test; both read as the same time', async () => {
    const now = Date.now();
    for (const model of ['openai/gpt-image-1', 'test/test']) {
      const outcome = await adapterFor(fake.baseUrl, 'imagerouter', model).submit({ model, prompt: 'x' });
      if (outcome.kind !== 'done') throw new Error('expected an answer');
      expect(Math.abs(outcome.result.createdAt! - now)).toBeLessThan(60_000);
    }
  });

  it('takes only Bearer on OpenAI-style and Replicate routes: fal’s Key scheme is refused there', async () => {
    expect((await post('/v1/images/generations', { prompt: 'x' }, `Key ${testKey}`)).status).toBe(401);
    const replicate = '/v1/models/black-forest-labs/flux-schnell/predictions';
    expect((await post(replicate, { input: { prompt: 'x' } }, `Key ${testKey}`)).status).toBe(401);
    expect((await post(replicate, { input: { prompt: 'x' } })).status).toBe(201);
  });

  it('answers a fal platform error with detail, error_type and X-Fal-Error-Type', async () => {
    fake.fault('fal.submit', { kind: 'status', status: 504, message: 'Request timed out' });
    const answer = await post('/fal-ai/flux-1/dev', { prompt: 'x' }, `Key ${testKey}`);
    expect(answer.status).toBe(504);
    expect(answer.headers.get('x-fal-error-type')).toBe('request_timeout');
    expect(await answer.json()).toEqual({ detail: 'Request timed out', error_type: 'request_timeout' });
  });
});
