// NovelAI: `Software` "NovelAI", the prompt in `Description`, everything else as JSON in `Comment`
// (`uc` is the negative prompt, `scale` the guidance), the model named in `Source`. Its WebP files
// carry the same fields as JSON in the EXIF UserComment (containers.ts unpacks them).
import { isRecord, tryJsonExact } from './exact-json';
import { type MetadataReader, paramsOf, seedOf, textOf } from './generation-facts';

export const readNovelAi: MetadataReader = (text) => {
  const comment = tryJsonExact(text.Comment);
  const fromNovelAi = /NovelAI/i.test(text.Software ?? '') || /NovelAI/i.test(text.Source ?? '');
  if (!fromNovelAi && !(isRecord(comment) && 'uc' in comment)) return null;
  const settings = isRecord(comment) ? comment : {};
  const negative =
    isRecord(settings.v4_negative_prompt) && isRecord(settings.v4_negative_prompt.caption)
      ? settings.v4_negative_prompt.caption.base_caption
      : settings.uc;
  return {
    generator: 'novelai',
    prompt: textOf(settings.prompt) ?? textOf(text.Description),
    negativePrompt: textOf(negative),
    seed: seedOf(settings.seed),
    model: textOf(text.Source),
    params: paramsOf('novelai', {
      steps: settings.steps,
      cfg: settings.scale,
      sampler: settings.sampler,
      scheduler: settings.noise_schedule,
      width: settings.width,
      height: settings.height,
      strength: settings.strength,
      noise: settings.noise,
    }),
  };
};
