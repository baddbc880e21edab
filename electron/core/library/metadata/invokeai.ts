// InvokeAI, three generations of it: `invokeai_metadata` (JSON, 3.x and later), `sd-metadata` (JSON,
// 2.x) and `Dream` (1.x and 2.x: the prompt in quotes, then dream-command switches like `-S 42`).
import { isRecord, tryJsonExact } from './exact-json';
import { type MetadataReader, modelName, paramsOf, seedOf, textOf } from './generation-facts';

function fromInvokeMetadata(value: Record<string, unknown>) {
  const model = isRecord(value.model)
    ? (value.model.name ?? value.model.model_name)
    : (value.model_name ?? value.model);
  return {
    generator: 'invokeai' as const,
    prompt: textOf(value.positive_prompt),
    negativePrompt: textOf(value.negative_prompt),
    seed: seedOf(value.seed),
    model: modelName(model),
    params: paramsOf('invokeai', {
      steps: value.steps,
      cfg: value.cfg_scale,
      scheduler: value.scheduler,
      width: value.width,
      height: value.height,
      mode: value.generation_mode,
      version: value.app_version,
    }),
  };
}

function fromSdMetadata(value: Record<string, unknown>) {
  const image = isRecord(value.image) ? value.image : {};
  const prompt = Array.isArray(image.prompt)
    ? image.prompt
        .map((part) => (isRecord(part) ? textOf(part.prompt) : null))
        .filter(Boolean)
        .join('\n')
    : image.prompt;
  return {
    generator: 'invokeai' as const,
    prompt: textOf(prompt),
    negativePrompt: null,
    seed: seedOf(image.seed),
    model: modelName(value.model_weights),
    params: paramsOf('invokeai', {
      steps: image.steps,
      cfg: image.cfg_scale,
      sampler: image.sampler,
      width: image.width,
      height: image.height,
      type: image.type,
      version: value.app_version,
    }),
  };
}

const dreamSwitches: Record<string, string> = { s: 'steps', W: 'width', H: 'height', C: 'cfg', A: 'sampler' };

function fromDream(text: string) {
  const match = /^\s*"((?:\\.|[^"\\])*)"(.*)$/s.exec(text);
  if (!match) return null;
  const settings: Record<string, unknown> = {};
  let seed: string | null = null;
  for (const [, name, value] of match[2]!.matchAll(/-(\w+)\s+([^\s-][^\s]*)/g)) {
    if (name === 'S') seed = value!;
    else if (dreamSwitches[name!])
      settings[dreamSwitches[name!]!] = /^\d+(\.\d+)?$/.test(value!) ? Number(value) : value;
  }
  return {
    generator: 'invokeai' as const,
    prompt: textOf(match[1]!.replace(/\\(.)/g, '$1')),
    negativePrompt: null,
    seed: seedOf(seed),
    model: null,
    params: paramsOf('invokeai', settings),
  };
}

export const readInvokeAi: MetadataReader = (text) => {
  const current = tryJsonExact(text.invokeai_metadata);
  if (isRecord(current)) return fromInvokeMetadata(current);
  const older = tryJsonExact(text['sd-metadata']);
  if (isRecord(older)) return fromSdMetadata(older);
  return text.Dream ? fromDream(text.Dream) : null;
};
