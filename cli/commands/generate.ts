// `atelier generate` and `atelier edit`, per ../shared/docs/cli.md: one request to one provider and
// model, written to the persistent job queue, then waited for (live progress on a terminal, Ctrl+C
// cancels) and the stored images printed. Validation is the core's, so the CLI refuses exactly what
// the app refuses, before anything is sent.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { isFinished, type JobRequest } from '../../shared/contract/jobs';
import { imageIdPattern } from '../../shared/contract/library';
import { maxInputFileBytes, maxSeed } from '../../shared/limits';
import { AppError } from '../../shared/errors';
import { call } from '../call';
import { type Command, type CommandContext, exitCodes, type OptionSpec, type ParsedArgs, UsageError } from '../command';
import { imagesOf, isSent, reportFailures, waitForJobs, exitCodeOfJobs } from '../wait-for-jobs';

type InputImage = NonNullable<JobRequest['images']>[number];

/** The formats every editing provider takes (sharp's names). */
const editableFormats = new Set(['png', 'jpeg', 'webp']);

const requestOptions: OptionSpec = {
  provider: { type: 'string' },
  model: { type: 'string' },
  prompt: { type: 'string' },
  n: { type: 'string' },
  size: { type: 'string' },
  aspect: { type: 'string' },
  quality: { type: 'string' },
  seed: { type: 'string' },
  negative: { type: 'string' },
  param: { type: 'string', multiple: true },
  'no-wait': { type: 'boolean' },
};

const keyAdvice =
  'A key is never accepted as a command-line argument (it would stay in your shell history). Keep it in the keychain with `atelier providers set-key ID`, or set ATELIER_KEY_<ID>.';

/** Names and values that are keys by the look of them: refused before they go anywhere. */
function looksLikeKey(text: string): boolean {
  return /^(bearer|key)\s+\S/i.test(text) || /^(sk|r8|fal|key)[-_][A-Za-z0-9_-]{16,}$/.test(text);
}

function refuseKeys(names: string[], values: string[]): void {
  const keyName = names.find((name) => /(^|[-_])(api[-_]?key|key|token|secret|password|authorization)$/i.test(name));
  if (keyName !== undefined || values.some(looksLikeKey)) throw new UsageError(keyAdvice);
}

function wholeNumber(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(String(value)) || number < min || number > max)
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${value}".`);
  return number;
}

/** `--param KEY=VALUE`: numbers and true/false keep their type, everything else is text. */
function parseParams(values: string[]): Record<string, string | number | boolean> | undefined {
  if (values.length === 0) return undefined;
  const params: Record<string, string | number | boolean> = {};
  for (const entry of values) {
    const at = entry.indexOf('=');
    if (at < 1) throw new UsageError(`--param wants KEY=VALUE, not "${entry}".`);
    const raw = entry.slice(at + 1);
    params[entry.slice(0, at)] = /^-?\d+(\.\d+)?$/.test(raw)
      ? Number(raw)
      : raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw;
  }
  return params;
}

function readInputFile(path: string, label: string): Buffer {
  const size = statSync(path).size;
  if (size > maxInputFileBytes)
    throw new AppError(
      'invalid_input',
      `${label} ${path} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${maxInputFileBytes / 1024 / 1024} MB. Use a smaller or compressed file.`,
    );
  return readFileSync(path);
}

/**
 * `--image` is a file or the id of a library image; either way the edit is sent a library image, so it records its
 * parent and can be compared with it. A file is imported first (a file already in the library answers its image).
 */
async function inputImage(context: CommandContext, value: string): Promise<InputImage> {
  if (existsSync(value)) {
    const bytes = readInputFile(value, 'The image');
    const format = await sharp(bytes)
      .metadata()
      .then((meta) => meta.format)
      .catch(() => undefined);
    if (!format || !editableFormats.has(format))
      throw new AppError('invalid_input', `${value} is not a PNG, JPEG or WebP image. Convert it and try again.`);
    const result = await call(context, 'library.import', { paths: [resolve(value)] });
    const imageId = result.imported[0]?.id ?? result.duplicateFiles[0]?.imageId;
    if (imageId) return { imageId };
    const refused = result.refused[0];
    throw new AppError(
      'invalid_input',
      `${value} could not be imported: ${refused?.reason ?? 'no reason given'}`,
      refused?.details,
    );
  }
  if (imageIdPattern.test(value)) return { imageId: value };
  throw new UsageError(
    `--image ${value}: there is no such file, and it is not an image id (16 hex characters; see \`atelier library list\`).`,
  );
}

function textOption(values: ParsedArgs['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

async function buildRequest(
  context: CommandContext,
  values: ParsedArgs['values'],
  positionals: string[],
  kind: 'generate' | 'edit',
): Promise<JobRequest> {
  const params = (values.param as string[] | undefined) ?? [];
  refuseKeys(
    params.map((entry) => entry.split('=')[0]!),
    [...positionals, ...params.map((entry) => entry.slice(entry.indexOf('=') + 1))],
  );
  if (positionals.length > 0)
    throw new UsageError(`Unexpected argument "${positionals[0]}". Put the prompt after --prompt, in quotes.`);
  const provider = textOption(values, 'provider');
  const model = textOption(values, 'model');
  const prompt = textOption(values, 'prompt');
  if (!provider || !model)
    throw new UsageError('Say which --provider ID and --model M to use (see `atelier models list`).');
  if (prompt === undefined || prompt.trim() === '') throw new UsageError('Say what to make with --prompt TEXT.');
  if (values.size !== undefined && values.aspect !== undefined)
    throw new UsageError('Give either --size WxH or --aspect W:H, not both.');
  const size = textOption(values, 'size');
  if (size !== undefined && !/^(\d+x\d+|auto)$/.test(size))
    throw new UsageError(`--size wants WIDTHxHEIGHT (e.g. 1024x1024) or auto, not "${size}".`);
  const aspect = textOption(values, 'aspect');
  if (aspect !== undefined && !/^\d+:\d+$/.test(aspect))
    throw new UsageError(`--aspect wants W:H (e.g. 16:9), not "${aspect}".`);
  const request: JobRequest = {
    targets: [{ providerId: provider, model }],
    prompt,
    n: wholeNumber(values.n, 'n', 1, 10),
    size,
    aspectRatio: aspect,
    quality: textOption(values, 'quality'),
    seed: wholeNumber(values.seed, 'seed', 0, maxSeed),
    // Sent only to a model that takes one (`models list` says); the core drops it for any other.
    negativePrompt: textOption(values, 'negative'),
    params: parseParams(params),
  };
  if (kind === 'edit') {
    const images = (values.image as string[] | undefined) ?? [];
    if (images.length === 0)
      throw new UsageError('Give the image to edit with --image FILE_OR_IMAGE_ID (repeat it for several).');
    request.images = [];
    for (const image of images) request.images.push(await inputImage(context, image));
    const mask = textOption(values, 'mask');
    if (mask !== undefined) {
      if (!existsSync(mask)) throw new UsageError(`--mask ${mask}: there is no such file.`);
      request.mask = { base64: readInputFile(mask, 'The mask').toString('base64') };
    }
    if (values['scale-mask']) request.scaleMask = true;
  }
  return request;
}

function describeImage(image: { id: string; path: string; width: number; height: number }): string {
  return `${image.id}  ${`${image.width}×${image.height}`.padEnd(11)} ${image.path}`;
}

async function createAndWait(context: CommandContext, args: ParsedArgs, kind: 'generate' | 'edit'): Promise<number> {
  const request = await buildRequest(context, args.values, args.positionals, kind);
  let created;
  try {
    created = await call(context, 'jobs.create', request);
  } catch (error) {
    // The core says when a mask of another size could be scaled; the CLI's way to say yes is a flag.
    const issues = (error as AppError).details as { issues?: Array<{ fix?: string }> } | undefined;
    if (issues?.issues?.some((issue) => issue.fix === 'scale_mask'))
      context.err('Add --scale-mask to resize the mask to the image.');
    throw error;
  }
  const noWait = Boolean(args.values['no-wait']);
  // Without waiting, the job is still handed to the provider first: leaving mid-request would make a
  // later resume send it again (and pay twice).
  const [job] = await waitForJobs(context, [created.jobs[0]!.id], noWait ? isSent : undefined);
  const images = await imagesOf(context, [job!]);
  if (context.json) context.out(JSON.stringify({ job, images }));
  else for (const image of images) context.out(describeImage(image));
  reportFailures(context, [job!]);
  if (noWait && !isFinished(job!.status)) {
    if (!context.json)
      context.err(
        `Job ${job!.id} is ${job!.status}. Collect it with \`atelier jobs resume\` (the app does too when it starts).`,
      );
    return exitCodes.ok;
  }
  return exitCodeOfJobs([job!]);
}

export const generateCommands: Command[] = [
  {
    words: ['generate'],
    usage:
      'generate --provider ID --model M --prompt TEXT [--n N] [--size WxH | --aspect W:H] [--quality Q] [--seed S] [--negative TEXT] [--param KEY=VALUE …] [--no-wait]',
    summary:
      'Text to image: waits for the job (Ctrl+C cancels it), then prints the stored images. --no-wait returns once the provider holds the job; `jobs resume` collects it.',
    options: requestOptions,
    run: (context, args) => createAndWait(context, args, 'generate'),
  },
  {
    words: ['edit'],
    usage:
      'edit --provider ID --model M --prompt TEXT --image FILE_OR_IMAGE_ID [--image …] [--mask FILE] [--scale-mask] [options as generate]',
    summary:
      'Image to image or inpainting. The mask is "painted = edit here" (white or opaque pixels); --scale-mask fits it to the image.',
    options: {
      ...requestOptions,
      image: { type: 'string', multiple: true },
      mask: { type: 'string' },
      'scale-mask': { type: 'boolean' },
    },
    run: (context, args) => createAndWait(context, args, 'edit'),
  },
];
