// Tools that write JSON into the `parameters` chunk A1111 uses for text: SwarmUI (`sui_image_params`),
// Fooocus (its own scheme, `fooocus_scheme` beside it) and RuinedFooocus (`software`). Recognised as
// JSON before anything tries the A1111 grammar on them.
import { isRecord, tryJsonExact } from './exact-json';
import { type MetadataReader, modelName, paramsOf, seedOf, textOf } from './generation-facts';

export const readSwarmUi: MetadataReader = (text) => {
  const value = tryJsonExact(text.parameters);
  if (!isRecord(value) || !isRecord(value.sui_image_params)) return null;
  const { prompt, negativeprompt, seed, model, ...settings } = value.sui_image_params;
  return {
    generator: 'swarmui',
    prompt: textOf(prompt),
    negativePrompt: textOf(negativeprompt),
    seed: seedOf(seed),
    model: modelName(model),
    params: paramsOf('swarmui', settings),
  };
};

export const readFooocus: MetadataReader = (text) => {
  const value = tryJsonExact(text.parameters);
  if (!isRecord(value)) return null;
  if (value.software === 'RuinedFooocus' || ('Prompt' in value && 'Negative' in value)) {
    const { Prompt, Negative, seed, base_model_name, ...settings } = value;
    return {
      generator: 'ruined-fooocus',
      prompt: textOf(Prompt),
      negativePrompt: textOf(Negative),
      seed: seedOf(seed),
      model: modelName(base_model_name),
      params: paramsOf('ruined-fooocus', settings, ['software']),
    };
  }
  const isFooocus =
    text.fooocus_scheme !== undefined ||
    value.metadata_scheme === 'fooocus' ||
    (typeof value.version === 'string' && value.version.startsWith('Fooocus'));
  if (!isFooocus) return null;
  // Fooocus repeats the prompts expanded by its style presets; the user's own prompts are the ones kept.
  const {
    prompt,
    negative_prompt,
    seed,
    base_model,
    full_prompt: _full,
    full_negative_prompt: _fullNegative,
    ...settings
  } = value;
  return {
    generator: 'fooocus',
    prompt: textOf(prompt),
    negativePrompt: textOf(negative_prompt),
    seed: seedOf(seed),
    model: modelName(base_model),
    // The expanded prompts are long and repeat the style texts; they stay in the stored original.
    params: paramsOf('fooocus', settings),
  };
};

/** TensorArt: JSON in `generation_data` (and a ComfyUI graph beside it, which fills what this lacks). */
export const readTensorArt: MetadataReader = (text) => {
  const value = tryJsonExact(text.generation_data);
  if (!isRecord(value)) return null;
  const { prompt, negativePrompt, seed, baseModel, ...settings } = value;
  const model = isRecord(baseModel) ? (baseModel.modelFileName ?? baseModel.label) : baseModel;
  return {
    generator: 'tensorart',
    prompt: textOf(prompt),
    negativePrompt: textOf(negativePrompt),
    seed: seedOf(seed),
    model: modelName(model),
    params: paramsOf('tensorart', settings),
  };
};

/** Stability Matrix: `parameters-json` beside an A1111 `parameters` text, which holds the same facts. */
export const readStabilityMatrix: MetadataReader = (text) => {
  const value = tryJsonExact(text['parameters-json']);
  if (!isRecord(value)) return null;
  const { PositivePrompt, NegativePrompt, Seed, ModelName, ...settings } = value;
  return {
    generator: 'stability-matrix',
    prompt: textOf(PositivePrompt),
    negativePrompt: textOf(NegativePrompt),
    seed: seedOf(Seed),
    model: modelName(ModelName),
    params: paramsOf('stability-matrix', settings),
  };
};
