// Our own `atelier` text (a PNG chunk, or a JPEG comment behind "atelier:"): the facts as JSON, written
// by export-files.ts, so an exported image comes back exactly as it left, whatever tool made it first.
import { generatorNames, type Generator } from '../../../../shared/contract/library';
import { isRecord, tryJsonExact } from './exact-json';
import { type GenerationFacts, type MetadataReader, seedOf, textOf } from './generation-facts';

export const atelierKeyword = 'atelier';

/** The JSON our export writes: the image's facts as the library holds them. */
export function atelierText(facts: Omit<GenerationFacts, 'generator'> & { source: string }): string {
  return JSON.stringify(facts);
}

export const readAtelier: MetadataReader = (text) => {
  const value = tryJsonExact(text[atelierKeyword]);
  if (!isRecord(value)) return null;
  const params = isRecord(value.params) ? value.params : null;
  const named = params?.generator;
  const generator: Generator =
    typeof named === 'string' && Object.hasOwn(generatorNames, named) ? (named as Generator) : 'atelier';
  return {
    generator,
    prompt: textOf(value.prompt),
    negativePrompt: textOf(value.negativePrompt),
    seed: seedOf(value.seed),
    model: textOf(value.model),
    provider: textOf(value.provider),
    params,
  };
};
