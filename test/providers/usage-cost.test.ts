// Cost from a GPT image answer's token `usage` (issue 11, point 9): OpenAI's answer names no cost, only tokens, so
// the cost is worked out at OpenAI's list prices (shared/gpt-image.ts) — only on OpenAI itself, whose prices these
// are; a router's answer with the same usage keeps its cost unreported rather than claim OpenAI's price.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor, testKey } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ key: testKey });
});
afterAll(() => fake.close());

async function costOf(preset: 'openai' | 'quickrouter', model: string): Promise<number | undefined> {
  const outcome = await adapterFor(fake.baseUrl, preset, model).submit({ model, prompt: 'a fox' });
  if (outcome.kind !== 'done') throw new Error(`expected an answer, got ${outcome.kind}`);
  return outcome.result.costUsd;
}

describe('GPT image cost from usage', () => {
  it("prices OpenAI's usage (50 text tokens in, 4,160 image tokens out) at gpt-image-1's and -mini's prices", async () => {
    // The fake answers usage {input_tokens: 50 (text 50), output_tokens: 4160} as openai-node's ImagesResponse.Usage.
    expect(await costOf('openai', 'gpt-image-1')).toBeCloseTo((50 * 5 + 4160 * 40) / 1e6, 9);
    expect(await costOf('openai', 'gpt-image-1-mini')).toBeCloseTo((50 * 2 + 4160 * 8) / 1e6, 9);
  });

  it('leaves the cost unreported where no price is known or the service sets its own', async () => {
    expect(await costOf('openai', 'gpt-image-1.5')).toBeUndefined();
    expect(await costOf('quickrouter', 'gpt-image-1')).toBeUndefined();
  });
});
