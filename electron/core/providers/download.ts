// Result images are fetched at once (provider URLs expire after 60 minutes) and verified as decodable
// images before anyone stores them, so a truncated download never becomes a broken library entry.
import sharp from 'sharp';
import { AppError, isAppError } from '../../../shared/errors';
import type { HttpClient } from '../http/client';
import { ImageRefused, type ProbedImage, probeImage } from '../library/image-probe';
import type { ResultImage } from './types';

export interface DownloadedImage {
  bytes: Buffer;
  format: string;
  width: number;
  height: number;
  /** What the library would probe again; passed on so it does not. */
  probed: ProbedImage;
}

/** Refusals another download cannot fix (the provider sent a real image the library will not take). */
const finalRefusals = new Set(['too_large', 'too_many_pixels', 'unsupported']);

/**
 * Reads the header the library needs (format, size, text chunks) and then decodes every pixel (not only
 * the header), so a cut-off file is caught.
 */
export async function verifyImage(bytes: Buffer): Promise<DownloadedImage> {
  const probed = await probeImage(bytes);
  await sharp(probed.pixels.input, { ...probed.pixels.options, failOn: 'truncated' }).raw().toBuffer();
  return { bytes, format: probed.format, width: probed.width, height: probed.height, probed };
}

async function fetchBytes(http: HttpClient, url: string, signal?: AbortSignal): Promise<Buffer> {
  try {
    return (await http.bytes({ method: 'GET', url, signal, headers: { Accept: 'image/*' } })).body;
  } catch (error) {
    const status = isAppError(error) ? (error.details as { status?: number } | undefined)?.status : undefined;
    if (status === 401 || status === 403 || status === 404 || status === 410) {
      throw new AppError(
        'provider_failed',
        `The image link from ${http.provider} no longer works (${status}); provider links expire after about an hour. Run the request again.`,
        { status },
      );
    }
    throw error;
  }
}

/** Bytes of one result image, from inline base64 or its URL; one more download when the first is damaged. */
export async function downloadResultImage(http: HttpClient, image: ResultImage, signal?: AbortSignal): Promise<DownloadedImage> {
  const damaged = () =>
    new AppError('provider_failed', `The image from ${http.provider} arrived damaged and could not be decoded. Run the request again.`);
  if (image.bytes || image.b64) {
    const bytes = image.bytes ?? Buffer.from(image.b64!, 'base64');
    return verifyImage(bytes).catch((error: unknown) => {
      throw isFinal(error) ? error : damaged();
    });
  }
  if (!image.url) throw damaged();
  for (let attempt = 0; ; attempt++) {
    const bytes = await fetchBytes(http, image.url, signal);
    try {
      return await verifyImage(bytes);
    } catch (error) {
      if (isFinal(error)) throw error;
      if (attempt >= 1) throw damaged();
    }
  }
}

function isFinal(error: unknown): boolean {
  return error instanceof ImageRefused && finalRefusals.has(error.kind);
}
