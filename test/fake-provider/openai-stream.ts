// GPT image streaming as OpenAI answers it: `stream: true` with `partial_images` 0-3 makes the images endpoints answer
// server-sent events, partial images first, then one completed event per image (openai/openai-node
// examples/image-stream.ts: `stream: true, partial_images: 3`, `image_generation.partial_image` with
// `partial_image_index`, then `image_generation.completed`; edits answer `image_edit.*`, the ImageEdit*Event types
// of src/resources/images.ts in later openai-node versions). Each event's data carries its own `type`.
import { makeImage, type ImageFormat } from './images';
import { errorReply } from './openai-routes';
import type { Reply } from './types';

/** `stream` as JSON (true) or as a multipart field ('true'). */
export function streamAsked(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * The refusals a streaming request meets before anything is made. partial_images: "Value must be between 0 and 3"
 * and "is used for streaming responses" (the SDKs' ImageGenerateParams / ImageEditParams comment, e.g.
 * openai/openai-ruby rbi/openai/models/image_edit_params.rbi); (unsure) that the real API refuses it without
 * `stream` rather than ignoring it, and the exact words. Streaming is for the GPT image models only (same comment).
 */
export function streamRefusal(stream: unknown, partials: unknown, model: string): Reply | null {
  const streaming = streamAsked(stream);
  if (partials !== undefined) {
    const count = Number(partials);
    if (!Number.isInteger(count) || count < 0 || count > 3)
      return errorReply('openai', 400, "Invalid 'partial_images': must be between 0 and 3.", 'invalid_request_error', {
        param: 'partial_images',
        code: 'invalid_value',
      });
    if (!streaming)
      return errorReply(
        'openai',
        400,
        "'partial_images' is only supported with 'stream': true.",
        'invalid_request_error',
        {
          param: 'partial_images',
          code: 'invalid_value',
        },
      );
  }
  if (streaming && !model.startsWith('gpt-image'))
    return errorReply('openai', 400, `Streaming is not supported for ${model}.`, 'invalid_request_error', {
      param: 'stream',
      code: 'unsupported_value',
    });
  return null;
}

/** The events of a streamed answer: `partials` previews, then each final image with the answer's usage. */
export async function streamReply(options: {
  edit: boolean;
  images: Array<{ b64_json?: string; url?: string }>;
  partials: number;
  size: { width: number; height: number };
  format: ImageFormat;
  usage: unknown;
}): Promise<Reply> {
  const prefix = options.edit ? 'image_edit' : 'image_generation';
  const common = {
    created_at: Math.floor(Date.now() / 1000),
    size: `${options.size.width}x${options.size.height}`,
    quality: 'medium',
    background: 'opaque',
    output_format: options.format,
  };
  const events: Array<{ event: string; data: unknown }> = [];
  for (let index = 0; index < options.partials; index++) {
    const partial = await makeImage(options.size, options.format);
    const type = `${prefix}.partial_image`;
    events.push({
      event: type,
      data: { type, b64_json: partial.bytes.toString('base64'), partial_image_index: index, ...common },
    });
  }
  for (const image of options.images) {
    const type = `${prefix}.completed`;
    events.push({ event: type, data: { type, b64_json: image.b64_json, ...common, usage: options.usage } });
  }
  return { status: 200, events };
}
