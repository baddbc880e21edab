// The `parameters` text chunk that Stable Diffusion web UIs (A1111, Forge, SD.Next) write:
//   <prompt>
//   Negative prompt: <negative prompt>
//   Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512, Model: sd_xl_base
// We read it on import and write it on export so other tools see our prompts too.

interface GenerationFacts {
  prompt: string | null;
  negativePrompt: string | null;
  params: Record<string, unknown> | null;
  seed: number | null;
  model: string | null;
}

// The same key/value grammar the web UI uses: values may be double-quoted to hold commas.
const paramPattern = /\s*([\w ][\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/g;

export function parseSdParameters(text: string): GenerationFacts {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
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
    params[key] = raw.startsWith('"') ? unquote(raw) : numberOrText(raw);
  }
  const seed = typeof params.Seed === 'number' ? params.Seed : null;
  const model = typeof params.Model === 'string' ? params.Model : null;
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

export function formatSdParameters(facts: GenerationFacts): string {
  const lines = [facts.prompt ?? ''];
  if (facts.negativePrompt) lines.push(`Negative prompt: ${facts.negativePrompt}`);
  const settings: string[] = [];
  for (const [key, value] of Object.entries(facts.params ?? {})) {
    if (value === null || value === undefined) continue;
    settings.push(`${settingKey(key)}: ${settingValue(value)}`);
  }
  if (facts.seed !== null) settings.push(`Seed: ${facts.seed}`);
  if (facts.model) settings.push(`Model: ${settingValue(facts.model)}`);
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

function numberOrText(raw: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(raw) && raw.length < 16 ? Number(raw) : raw;
}
