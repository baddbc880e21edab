import { describe, expect, it } from 'vitest';
import { costFromUsage } from './usage-cost';

describe('costFromUsage', () => {
  it('prices text, image input and output tokens apart', () => {
    const usage = {
      input_tokens: 1300,
      output_tokens: 1000,
      input_tokens_details: { text_tokens: 300, image_tokens: 1000 },
    };
    expect(costFromUsage('gpt-image-1', usage)).toBeCloseTo((300 * 5 + 1000 * 10 + 1000 * 40) / 1e6, 9);
  });

  it('counts input tokens with no breakdown as text', () => {
    expect(costFromUsage('gpt-image-1-mini', { input_tokens: 100, output_tokens: 10 })).toBeCloseTo(
      (100 * 2 + 10 * 8) / 1e6,
      9,
    );
  });

  it('names no cost for other models or a usage it cannot read', () => {
    expect(costFromUsage('dall-e-3', { input_tokens: 1, output_tokens: 1 })).toBeUndefined();
    expect(costFromUsage('gpt-image-1', { output_tokens: 'many' })).toBeUndefined();
    expect(costFromUsage('gpt-image-1', null)).toBeUndefined();
  });
});
