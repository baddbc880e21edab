import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../shared/contract/models';
import type { Job } from '../../shared/contract/jobs';
import { jobStateOf } from './jobs';
import { paramsOfTarget, requestTarget } from './target-params';

const model = (overrides: Partial<ModelInfo>): ModelInfo => ({
  id: 'm',
  label: 'M',
  protocol: 'openai-images',
  sizes: null,
  aspectRatios: [],
  n: { min: 1, max: 4 },
  qualities: [],
  outputFormats: [],
  generate: true,
  edit: false,
  mask: false,
  maskConvention: null,
  maxInputImages: 0,
  promptMax: null,
  negativePrompt: false,
  priceUsd: null,
  presets: [],
  source: 'builtin',
  unsure: [],
  ...overrides,
});

const local = model({ id: 'local/pattern', protocol: 'local', aspectRatios: ['1:1', '16:9'] });
const dalle3 = model({ id: 'dall-e-3', sizes: ['1024x1024', '1792x1024'], n: { min: 1, max: 1 }, qualities: ['hd'] });
const shared = { n: 4, size: '1792x1024', aspectRatio: '16:9', quality: 'hd', seed: '9' };

describe('each target sends what its own model takes', () => {
  it('shared values carry over only where the model accepts them', () => {
    expect(paramsOfTarget(shared, { providerId: 'local', model: local.id }, local)).toEqual({
      n: 4,
      size: '1792x1024',
      aspectRatio: '16:9',
      quality: '',
      seed: '9',
      livePreview: false,
    });
    expect(paramsOfTarget(shared, { providerId: 'qr', model: dalle3.id }, dalle3)).toEqual({
      n: 1,
      size: '1792x1024',
      aspectRatio: '',
      quality: 'hd',
      seed: '',
      livePreview: false,
    });
  });

  it('a live preview is asked of GPT image models only, as partial_images (they cost extra: off unless set)', () => {
    const gptImage = model({ id: 'gpt-image-1', sizes: ['1024x1024'] });
    const withPreview = { ...shared, livePreview: true };
    const target = { providerId: 'oa', model: gptImage.id };
    expect(requestTarget(target, paramsOfTarget(withPreview, target, gptImage))).toMatchObject({
      params: { partial_images: 2 },
    });
    expect(requestTarget(target, paramsOfTarget(shared, target, gptImage))).not.toHaveProperty('params');
    const other = { providerId: 'qr', model: dalle3.id };
    expect(requestTarget(other, paramsOfTarget(withPreview, other, dalle3))).not.toHaveProperty('params');
  });

  it("a target's own value wins over the shared one, and the request names every option", () => {
    const target = { providerId: 'qr', model: dalle3.id, own: { size: '1024x1024' } };
    const params = paramsOfTarget(shared, target, dalle3);
    expect(requestTarget(target, params)).toEqual({
      providerId: 'qr',
      model: 'dall-e-3',
      n: 1,
      size: '1024x1024',
      quality: 'hd',
    });
  });
});

describe('a job card state agrees with itself', () => {
  const job = (status: Job['status'], queuePosition: number | null) => ({ status, queuePosition }) as Job;
  it('a job waiting in the provider queue is "in the queue", never "running" beside a position', () => {
    expect(jobStateOf(job('running', 4))).toEqual({ label: 'queue', position: 4 });
    expect(jobStateOf(job('running', null))).toEqual({ label: 'running', position: null });
  });
  it('position 0 is "next", and a finished job shows no position', () => {
    expect(jobStateOf(job('submitted', 0))).toEqual({ label: 'queue', position: 'next' });
    expect(jobStateOf(job('done', 3))).toEqual({ label: 'done', position: null });
  });
});
