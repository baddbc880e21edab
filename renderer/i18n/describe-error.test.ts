import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorDetails } from '../../shared/errors';
import { describeError, explainError } from './describe-error';
import { en } from './en';
import { zhCN } from './zh-CN';

const translators = { en: i18next.createInstance(), 'zh-CN': i18next.createInstance() };
beforeAll(async () => {
  for (const [lng, instance] of Object.entries(translators)) {
    await instance.init({
      lng,
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    });
  }
});

describe('describeError', () => {
  const tooLarge = {
    code: 'invalid_input' as const,
    message: 'Input image 1 is 30.0 MB; the limit is 25 MB. Use a smaller or compressed file.',
    details: errorDetails('file_too_large', { limit: 25 * 1024 * 1024, actual: 30 * 1024 * 1024 }),
  };

  it("picks the kind's sentence first, with its facts shown for people (bytes as MB)", () => {
    expect(describeError(translators.en, tooLarge)).toBe(
      'The file is 30 MB; the limit is 25 MB. Use a smaller or compressed file.',
    );
    expect(describeError(translators['zh-CN'], tooLarge)).toBe(
      '文件大小为 30 MB，上限为 25 MB。请换用更小或压缩过的文件。',
    );
  });

  it('lists choices and numbers the way the language does', () => {
    const size = {
      code: 'invalid_input' as const,
      message: 'dall-e-3 does not take the size 512x512.',
      details: errorDetails('size_not_offered', {
        model: 'dall-e-3',
        size: '512x512',
        choices: ['1024x1024', '1792x1024'],
      }),
    };
    expect(describeError(translators.en, size)).toBe(
      'dall-e-3 does not take the size 512x512. Choose 1024x1024 or 1792x1024.',
    );
    expect(describeError(translators['zh-CN'], size)).toBe(
      'dall-e-3 不支持 512x512 尺寸。请选择 1024x1024或1792x1024。',
    );
  });

  it("falls back to the code's sentence, keeping the core's words as the detail", () => {
    const failed = { code: 'provider_failed' as const, message: 'ImageRouter could not make the image: NSFW.' };
    expect(describeError(translators['zh-CN'], failed)).toBe('服务商未能完成请求。');
    expect(explainError(translators['zh-CN'], failed).detail).toBe(failed.message);
    // An unknown kind (a newer core) is passed over for the code.
    const unknownKind = { ...failed, details: { kind: 'from_the_future' } };
    expect(describeError(translators.en, unknownKind)).toBe('The provider could not do it.');
  });

  it('shows the English message only when neither the kind nor the code is known', () => {
    const strange = { code: 'teapot' as never, message: 'I am a teapot.' };
    expect(explainError(translators['zh-CN'], strange)).toEqual({ text: 'I am a teapot.', detail: null });
  });

  it("passes only the kind's own fields to i18next (a details field named like an option changes nothing)", () => {
    const refused = {
      code: 'auth_refused' as const,
      message: 'ImageRouter refused the key (401): bad key. Check it in Settings → Providers.',
      details: { ...errorDetails('key_refused', { provider: 'ImageRouter', status: 401 }), lng: 'en', count: 2 },
    };
    const { text, detail } = explainError(translators['zh-CN'], refused);
    expect(text).toBe('ImageRouter 拒绝了密钥（401）。请在“设置 → 服务商”中检查。');
    // A provider's answer: its own reason stays readable beneath.
    expect(detail).toBe(refused.message);
  });
});
