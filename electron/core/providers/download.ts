// Result images are fetched at once (provider URLs expire after 60 minutes) and verified as decodable
// images before anyone stores them, so a truncated download never becomes a broken library entry.
import sharp from 'sharp';
import { AppError, isAppError } from '../../../shared/errors';
import type { HttpClient } from '../http/client';
import type { ResultImage } from './types';

export interface DownloadedImage {
  bytes: Buffer;
  format: string;
  width: number;
  height: number;
}

/** Decodes every pixel (not only the header), so a cut-off file is caught. */
export async function verifyImage(bytes: Buffer): Promise<DownloadedImage> {
  const { info } = await sharp(bytes, { failOn: 'truncated' }).raw().toBuffer({ resolveWithObject: true });
  const meta = await sharp(bytes).metadata();
  return { bytes, format: meta.format ?? 'unknown', width: info.width, height: info.height };
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
    return verifyImage(bytes).catch(() => {
      throw damaged();
    });
  }
  if (!image.url) throw damaged();
  for (let attempt = 0; ; attempt++) {
    const bytes = await fetchBytes(http, image.url, signal);
    try {
      return await verifyImage(bytes);
    } catch {
      if (attempt >= 1) throw damaged();
    }
  }
}
