// JobLivePreview (issue 11, point 10) rendered as the page would get it, in both languages: the latest partial
// image at its media URL and a progressbar with its value; nothing once the job ends or when the provider sends
// neither; an indeterminate bar where it sends a preview without progress.
import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/contract/jobs';
import { JobLivePreview } from '../../renderer/components/JobLivePreview';
import { en } from '../../renderer/i18n/en';
import { zhCN } from '../../renderer/i18n/zh-CN';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

function job(changes: Partial<Job>): Job {
  return {
    id: 'job_1',
    batchId: null,
    providerId: 'openai',
    model: 'gpt-image-1',
    protocol: 'openai-images',
    kind: 'generate',
    status: 'submitted',
    prompt: 'a lighthouse',
    params: { partial_images: 2 },
    remoteId: null,
    queuePosition: null,
    logs: [],
    progress: null,
    preview: null,
    attempts: 1,
    error: null,
    imageIds: [],
    parentId: null,
    costUsd: null,
    latencyMs: null,
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: null,
    ...changes,
  };
}

const render = (value: Job) => renderToStaticMarkup(<JobLivePreview job={value} />);

describe('JobLivePreview', () => {
  it('shows the latest partial image and a progressbar at its value', () => {
    const html = render(job({ progress: 2 / 3, preview: { url: 'media/preview/job_1/1', index: 1 } }));
    expect(html).toContain('src="media/preview/job_1/1"');
    expect(html).toContain('data-index="1"');
    expect(html).toContain('alt="Preview 2 of the image being made"');
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuenow="67"/);
    expect(html).toContain('aria-valuetext="67%"');
    expect(html).toContain('style="width:67%"');
  });

  it('shows nothing for a job whose provider sends neither, and nothing once the job ends', () => {
    expect(render(job({}))).toBe('');
    const preview = { url: 'media/preview/job_1/0', index: 0 };
    for (const status of ['done', 'failed', 'cancelled', 'interrupted'] as const)
      expect(render(job({ status, progress: 0.5, preview }))).toBe('');
  });

  it('an unknown progress is an indeterminate bar, worded in Chinese too', async () => {
    const value = job({ status: 'running', preview: { url: 'media/preview/job_1/0', index: 0 } });
    const html = render(value);
    expect(html).toContain('role="progressbar"');
    expect(html).not.toContain('aria-valuenow');
    expect(html).toContain('aria-valuetext="Working…"');
    await i18next.changeLanguage('zh-CN');
    try {
      const chinese = render(value);
      expect(chinese).toContain('alt="正在生成的图片的第 1 张预览"');
      expect(chinese).toContain('aria-label="图片生成进度"');
    } finally {
      await i18next.changeLanguage('en');
    }
  });
});
