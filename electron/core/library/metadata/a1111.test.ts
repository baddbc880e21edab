import { describe, expect, it } from 'vitest';
import { formatSdParameters, parseSdParameters } from './a1111';

describe('A1111 parameters', () => {
  it('takes the model hash as the model where the file names no model, and writes it back unchanged', () => {
    const text =
      'a harbour\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 367472097, Size: 512x768, Model hash: 925997e9';
    const facts = parseSdParameters(text);
    expect(facts).toMatchObject({ prompt: 'a harbour', seed: 367472097, model: '925997e9' });
    const written = formatSdParameters(facts);
    // No invented "Model:" entry: the file said only the hash, and so does the export.
    expect(written).not.toContain('Model: ');
    expect(parseSdParameters(written)).toEqual(facts);
  });

  it('prefers the named model over its hash', () => {
    const facts = parseSdParameters('x\nSteps: 20, Seed: 1, Model hash: 45a21ea00a, Model: dreamshaper_8');
    expect(facts.model).toBe('dreamshaper_8');
    expect(formatSdParameters(facts)).toContain('Model: dreamshaper_8');
  });
});
