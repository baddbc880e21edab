// The one entry point: the generation facts embedded in an image file, whichever tool wrote them.
// Each reader knows one tool; the first that recognises the file names the generator and gives the
// facts, and later ones fill what it left empty (a ComfyUI graph beside TensorArt's JSON, an A1111
// text beside a ComfyUI graph). The raw text stays in the stored original, byte for byte.
import { readA1111 } from './a1111';
import { readAtelier } from './atelier';
import { readComfyUi } from './comfyui';
import { type EmbeddedText, readEmbeddedText } from './containers';
import { isRecord, tryJsonExact } from './exact-json';
import type { GenerationFacts, MetadataReader } from './generation-facts';
import { readInvokeAi } from './invokeai';
import { readFooocus, readStabilityMatrix, readSwarmUi, readTensorArt } from './json-parameters';
import { readNovelAi } from './novelai';

/** Most specific first: our own chunk, then tools recognised by a key of their own, A1111's text last. */
const readers: readonly MetadataReader[] = [
  readAtelier,
  readSwarmUi,
  readTensorArt,
  readStabilityMatrix,
  readInvokeAi,
  readNovelAi,
  readFooocus,
  readComfyUi,
  readA1111,
];

const fillable = ['prompt', 'negativePrompt', 'seed', 'model'] as const;

export function readGeneration(text: EmbeddedText): GenerationFacts | null {
  let facts: GenerationFacts | null = null;
  for (const reader of readers) {
    const found = reader(text);
    if (!found) continue;
    if (!facts) facts = { ...found };
    else for (const key of fillable) if (facts[key] === null) Object.assign(facts, { [key]: found[key] });
  }
  return facts;
}

/** The embedded texts of a file under the names the readers use, wherever the format keeps them. */
export function metadataText(bytes: Buffer): EmbeddedText {
  return canonicalText(readEmbeddedText(bytes));
}

/**
 * EXIF and JPEG comments under the PNG keywords: UserComment is A1111's `parameters` (or SwarmUI's
 * JSON, or NovelAI's fields, or ComfyUI's prompt and workflow as one JSON); ComfyUI's savers write
 * "prompt:{…}" / "Workflow: {…}" into Make, Model and ImageDescription.
 */
function canonicalText(embedded: EmbeddedText): EmbeddedText {
  const text: EmbeddedText = {};
  const put = (key: string, value: string) => {
    if (text[key] === undefined) text[key] = value;
  };
  for (const [key, value] of Object.entries(embedded)) {
    if (!key.startsWith('exif:') && !key.startsWith('jpeg:') && !key.startsWith('xmp:')) {
      text[key] = value;
      continue;
    }
    const labelled = /^(prompt|workflow|atelier)\s*:\s*/i.exec(value);
    if (labelled) {
      put(labelled[1]!.toLowerCase(), value.slice(labelled[0].length));
      continue;
    }
    const field = key.slice(key.indexOf(':') + 1);
    if (field === 'UserComment') unpackComment(value, put);
    // A JPEG comment is mostly a camera's or an editor's note; only a settings line makes it A1111's.
    else if (field.startsWith('comment') && /\nSteps: \d/.test(value)) put('parameters', value);
    else if (field === 'Software') put('Software', value);
    else if (field === 'ImageDescription') put('Description', value);
  }
  return text;
}

function unpackComment(value: string, put: (key: string, value: string) => void): void {
  const json = tryJsonExact(value);
  if (!isRecord(json)) return put('parameters', value);
  if ('sui_image_params' in json) return put('parameters', value);
  for (const [key, field] of Object.entries(json)) {
    if (typeof field === 'string') put(key, field);
    else if (isRecord(field) && (key === 'prompt' || key === 'workflow')) put(key, JSON.stringify(field));
  }
}
