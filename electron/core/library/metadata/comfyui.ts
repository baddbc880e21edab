// ComfyUI writes the graph it ran (`prompt`: node id → {class_type, inputs}) and the editor's layout
// (`workflow`), both kept whole in the stored original. The facts are found by walking the graph: from
// the image saved back to the sampler that made it, then from the sampler's inputs to the text
// encoders (positive and negative apart), the seed, the latent's size and the checkpoint loader.
import { modelName, type GenerationFacts, type MetadataReader, paramsOf, seedOf, textOf } from './generation-facts';
import { isRecord, tryJsonExact } from './exact-json';

interface ComfyNode {
  class_type: string;
  inputs: Record<string, unknown>;
}
type Graph = Record<string, ComfyNode>;
type Link = [string, number];

const samplerTypes = /^(KSampler|KSamplerAdvanced|SamplerCustom|SamplerCustomAdvanced)\b|KSampler/;
const textInputs = ['text', 'text_g', 'text_l', 'prompt', 'string', 'value', 't5xxl', 'clip_l'];
/** Inputs that never lead to the prompt's text (the models, images and latents beside it). */
const notText = new Set([
  'clip',
  'model',
  'vae',
  'image',
  'images',
  'latent',
  'latent_image',
  'samples',
  'control_net',
  'mask',
]);

function graphOf(text: string | undefined): Graph | null {
  const value = tryJsonExact(text);
  if (!isRecord(value)) return null;
  const nodes = Object.entries(value).filter(
    ([, node]) => isRecord(node) && typeof node.class_type === 'string' && isRecord(node.inputs),
  );
  return nodes.length > 0 ? (Object.fromEntries(nodes) as Graph) : null;
}

function linkOf(value: unknown): Link | null {
  return Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number')
    ? [String(value[0]), Number(value[1])]
    : null;
}

/** The sampler whose latent reaches a saved image; else the last sampler in the graph. */
function finalSampler(graph: Graph): ComfyNode | null {
  const samplers = Object.entries(graph).filter(([, node]) => samplerTypes.test(node.class_type));
  if (samplers.length === 0) return null;
  const outputs = Object.values(graph).filter((node) => /Save|Preview/i.test(node.class_type));
  for (const output of outputs) {
    const found = upstream(graph, output, (node) => samplerTypes.test(node.class_type));
    if (found) return found;
  }
  return samplers[samplers.length - 1]![1];
}

/** Breadth-first up the links from `start` to the nearest node that matches. */
function upstream(graph: Graph, start: ComfyNode, matches: (node: ComfyNode) => boolean): ComfyNode | null {
  const seen = new Set<ComfyNode>([start]);
  const queue: ComfyNode[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const value of Object.values(node.inputs)) {
      const link = linkOf(value);
      const next = link && graph[link[0]];
      if (!next || seen.has(next)) continue;
      if (matches(next)) return next;
      seen.add(next);
      queue.push(next);
    }
  }
  return null;
}

/** An input's value, following a link to a primitive node (a seed or a text shared between nodes). */
function valueOf(graph: Graph, value: unknown, depth = 0): unknown {
  const link = linkOf(value);
  if (!link) return value;
  const node = graph[link[0]];
  if (!node || depth > 8) return undefined;
  for (const key of ['seed', 'noise_seed', 'value', 'int', 'number', 'string', 'text']) {
    if (key in node.inputs) return valueOf(graph, node.inputs[key], depth + 1);
  }
  return undefined;
}

/** Every text that flows into a conditioning input, in graph order, each once. */
function conditioningText(graph: Graph, value: unknown): string | null {
  const texts: string[] = [];
  const seen = new Set<string>();
  const visit = (input: unknown, depth: number) => {
    const link = linkOf(input);
    if (!link || depth > 32) return;
    const key = `${link[0]}:${link[1]}`;
    const node = graph[link[0]];
    if (!node || seen.has(key)) return;
    seen.add(key);
    // A node passing both on (ControlNetApplyAdvanced): output 0 is the positive, 1 the negative.
    if ('positive' in node.inputs && 'negative' in node.inputs) {
      visit(node.inputs[link[1] === 1 ? 'negative' : 'positive'], depth + 1);
      return;
    }
    for (const name of textInputs) {
      const text = textOf(valueOf(graph, node.inputs[name]));
      if (text && !texts.includes(text)) texts.push(text);
    }
    for (const [name, next] of Object.entries(node.inputs)) if (!notText.has(name)) visit(next, depth + 1);
  };
  visit(value, 0);
  return texts.length > 0 ? texts.join('\n') : null;
}

/** The node that sets the latent's size: the sampler's latent input or the nearest above it. */
function sizeNode(graph: Graph, latentInput: unknown): ComfyNode | null {
  const link = linkOf(latentInput);
  const node = link && graph[link[0]];
  if (!node) return null;
  const hasSize = (candidate: ComfyNode) => 'width' in candidate.inputs && 'height' in candidate.inputs;
  return hasSize(node) ? node : upstream(graph, node, hasSize);
}

function samplerFacts(graph: Graph, sampler: ComfyNode): Omit<GenerationFacts, 'generator'> {
  const inputs = sampler.inputs;
  // SamplerCustomAdvanced takes its pieces from other nodes: the noise (seed), the guider (cfg, texts).
  const noise = linkOf(inputs.noise) && graph[linkOf(inputs.noise)![0]];
  const guider = linkOf(inputs.guider) && graph[linkOf(inputs.guider)![0]];
  const sigmas = linkOf(inputs.sigmas) && graph[linkOf(inputs.sigmas)![0]];
  const samplerSelect = linkOf(inputs.sampler) && graph[linkOf(inputs.sampler)![0]];
  const conditioning = guider ? guider.inputs : inputs;
  const seed = seedOf(valueOf(graph, inputs.seed ?? inputs.noise_seed ?? noise?.inputs.noise_seed));
  const latent = sizeNode(graph, inputs.latent_image);
  const loader = upstream(graph, sampler, (node) =>
    ['ckpt_name', 'unet_name', 'model_name'].some((name) => typeof node.inputs[name] === 'string'),
  );
  const number = (value: unknown) => {
    const resolved = valueOf(graph, value);
    return typeof resolved === 'number' ? resolved : null;
  };
  return {
    prompt: conditioningText(graph, conditioning.positive ?? conditioning.conditioning),
    negativePrompt: conditioningText(graph, conditioning.negative),
    seed,
    model: modelName(loader?.inputs.ckpt_name ?? loader?.inputs.unet_name ?? loader?.inputs.model_name),
    params: {
      steps: number(inputs.steps ?? sigmas?.inputs.steps),
      cfg: number(inputs.cfg ?? guider?.inputs.cfg),
      sampler: valueOf(graph, inputs.sampler_name ?? samplerSelect?.inputs.sampler_name) ?? null,
      scheduler: valueOf(graph, inputs.scheduler ?? sigmas?.inputs.scheduler) ?? null,
      denoise: number(inputs.denoise ?? sigmas?.inputs.denoise),
      width: number(latent?.inputs.width),
      height: number(latent?.inputs.height),
    },
  };
}

/** The `prompt` graph, from a PNG chunk or from the EXIF fields ComfyUI's JPEG/WebP savers fill. */
export const readComfyUi: MetadataReader = (text) => {
  const graph = graphOf(text.prompt);
  if (!graph) return null;
  const sampler = finalSampler(graph);
  const facts = sampler ? samplerFacts(graph, sampler) : null;
  return {
    generator: 'comfyui',
    prompt: facts?.prompt ?? null,
    negativePrompt: facts?.negativePrompt ?? null,
    seed: facts?.seed ?? null,
    model: facts?.model ?? null,
    params: paramsOf('comfyui', facts?.params ?? {}),
  };
};
