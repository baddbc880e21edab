// Result images are fetched at once (provider URLs expire after 60 minutes) and handed to the library,
// which checks every pixel before it keeps them, so a truncated download never becomes a broken entry.
import { AppError, isAppError } from '../../../shared/errors';
import type { HttpClient } from '../http/client';
import type { RefusalKind } from '../library/image-probe';
import { ImageRefused } from '../library/library';
import type { ResultImage } from './types';

/** Refusals another download cannot fix (the provider sent a real image the library will not take). */
const finalRefusals = new Set<RefusalKind>(['file_too_large', 'too_many_pixels', 'format_unsupported']);

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

/**
 * Gets one result image (inline base64 or its URL) and hands the bytes to `take`, which checks and stores
 * them. An image refused as damaged is downloaded once more; inline data cannot be, so it fails at once.
 */
export async function takeResultImage<T>(
  http: HttpClient,
  image: ResultImage,
  take: (bytes: Buffer) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const damaged = () =>
    new AppError(
      'provider_failed',
      `The image from ${http.provider} arrived damaged and could not be decoded. Run the request again.`,
    );
  if (image.bytes || image.b64) {
    return take(image.bytes ?? Buffer.from(image.b64!, 'base64')).catch((error: unknown) => {
      throw isDamage(error) ? damaged() : error;
    });
  }
  if (!image.url) throw damaged();
  for (let attempt = 0; ; attempt++) {
    const bytes = await fetchBytes(http, image.url, signal);
    try {
      return await take(bytes);
    } catch (error) {
      if (!isDamage(error)) throw error;
      if (attempt >= 1) throw damaged();
    }
  }
}

/** A refusal of the bytes themselves (empty, not an image, cut short): what another download may fix. */
function isDamage(error: unknown): boolean {
  return error instanceof ImageRefused && !finalRefusals.has(error.kind);
}
