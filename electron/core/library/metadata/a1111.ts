// The `parameters` text chunk that Stable Diffusion web UIs (A1111, Forge, SD.Next) write:
//   <prompt>
//   Negative prompt: <negative prompt>
//   Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512, Model: sd_xl_base
// We read it on import and write it on export so other tools see our prompts too. The same text
// arrives in a JPEG's or WebP's EXIF UserComment (containers.ts gives it the `parameters` name).
import type { Generator } from '../../../../shared/contract/library';
import { type GenerationFacts, type MetadataReader, seedOf } from './generation-facts';

type SdFacts = Omit<GenerationFacts, 'generator'>;

// The same key/value grammar the web UI uses: values may be double-quoted to hold commas.
// Civitai and newer UIs also write JSON values (`Hashes: {…}`, `Civitai resources: [{…}]`), taken whole.
const paramPattern =
  /\s*([\w ][\w \-/]+):\s*("(?:\\.|[^\\"])+"|\[(?:[^[\]"]|"(?:\\.|[^\\"])*")*\]|\{(?:[^{}"]|"(?:\\.|[^\\"])*"|\{[^{}]*\})*\}|[^,]*)(?:,|$)/g;

export function parseSdParameters(text: string): SdFacts {
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
  let settings = '';
  const last = lines[lines.length - 1] ?? '';
  // The web UI's own rule: the last line holds the settings when it has at least three of them.
  if (lines.length > 0 && (/^\s*Steps:/.test(last) || [...last.matchAll(paramPattern)].length >= 3))
    settings = lines.pop()!;
  const promptLines: string[] = [];
  const negativeLines: string[] = [];
  let inNegative = false;
  for (const line of lines) {
    if (line.startsWith('Negative prompt:')) {
      inNegative = true;
      negativeLines.push(line.slice('Negative prompt:'.length).trim());
    } else (inNegative ? negativeLines : promptLines).push(line);
  }
  const params: Record<string, unknown> = {};
  for (const match of settings.matchAll(paramPattern)) {
    const key = match[1]!.trim();
    const raw = match[2]!.trim();
    params[key] = raw.startsWith('"') ? unquote(raw) : /^[[{]/.test(raw) ? jsonOrText(raw) : numberOrText(raw);
  }
  const seed = seedOf(params.Seed);
  // Older A1111 builds name the checkpoint only by its hash; that hash is then the model, as A1111 itself
  // finds the checkpoint by it. It stays in params too, so an export writes it back as it was.
  const hash = params['Model hash'];
  const model =
    typeof params.Model === 'string'
      ? params.Model
      : typeof hash === 'string' || typeof hash === 'number'
        ? `${hash}`
        : null;
  delete params.Seed;
  delete params.Model;
  const prompt = promptLines.join('\n').trim();
  const negative = negativeLines.join('\n').trim();
  return {
    prompt: prompt || null,
    negativePrompt: negative || null,
    params: Object.keys(params).length > 0 ? params : null,
    seed,
    model,
  };
}

export function formatSdParameters(facts: SdFacts): string {
  const lines = [facts.prompt ?? ''];
  if (facts.negativePrompt) lines.push(`Negative prompt: ${facts.negativePrompt}`);
  const settings: string[] = [];
  for (const [key, value] of Object.entries(facts.params ?? {})) {
    if (value === null || value === undefined) continue;
    settings.push(`${settingKey(key)}: ${settingValue(value)}`);
  }
  if (facts.seed !== null) settings.push(`Seed: ${facts.seed}`);
  const onlyTheHash = facts.model !== null && `${facts.params?.['Model hash'] ?? ''}` === facts.model;
  if (facts.model && !onlyTheHash) settings.push(`Model: ${settingValue(facts.model)}`);
  if (settings.length > 0) {
    // Some readers look for a settings line that starts with "Steps:".
    const steps = settings.findIndex((entry) => entry.startsWith('Steps:'));
    if (steps > 0) settings.unshift(...settings.splice(steps, 1));
    lines.push(settings.join(', '));
  }
  return lines.join('\n');
}

function settingKey(key: string): string {
  const clean = key.replace(/[^\w \-/]/g, '_');
  return clean.length >= 2 ? clean : `${clean}_`;
}

function settingValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[,:"\n]/.test(text) ? JSON.stringify(text) : text;
}

function unquote(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

function jsonOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function numberOrText(raw: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(raw) && raw.length < 16 ? Number(raw) : raw;
}

/** Civitai names the checkpoint among its resources rather than as `Model`. */
function civitaiCheckpoint(params: Record<string, unknown> | null): string | null {
  const resources = params?.['Civitai resources'];
  if (!Array.isArray(resources)) return null;
  const checkpoint = resources.find((entry) => (entry as { type?: unknown })?.type === 'checkpoint') as
    { modelName?: unknown; modelVersionName?: unknown } | undefined;
  if (typeof checkpoint?.modelName !== 'string') return null;
  return typeof checkpoint.modelVersionName === 'string'
    ? `${checkpoint.modelName} ${checkpoint.modelVersionName}`
    : checkpoint.modelName;
}

/** The web UI family, told apart by what each writes into the settings line. */
function generatorOf(params: Record<string, unknown> | null, text: string): Generator {
  if (params?.App === 'SD.Next') return 'sdnext';
  if (typeof params?.Version === 'string' && /^f\d/.test(params.Version)) return 'forge';
  if (/Civitai (resources|metadata):/.test(text)) return 'civitai';
  return 'a1111';
}

/** `parameters` as plain text (JSON there is another tool's: Fooocus, SwarmUI). */
export const readA1111: MetadataReader = (text) => {
  const parameters = text.parameters;
  if (!parameters || /^\s*[{[]/.test(parameters)) return null;
  const facts = parseSdParameters(parameters);
  if (!facts.prompt && !facts.params) return null;
  const generator = generatorOf(facts.params, parameters);
  return {
    ...facts,
    model: facts.model ?? civitaiCheckpoint(facts.params),
    generator,
    params: { ...facts.params, generator },
  };
};
