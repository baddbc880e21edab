// Reading an answer whose chunks have all arrived already: the event loop still gets its turns (timers, IPC).
import { describe, expect, it } from 'vitest';
import { eachChunk, readSliceMs } from './each-chunk';

/** A body whose every chunk is queued before the first read, as a fast provider's answer sits in the socket. */
function bufferedAnswer(chunks: number): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let index = 0; index < chunks; index++) controller.enqueue(new Uint8Array([index]));
      controller.close();
    },
  });
  return new Response(stream);
}

/** Work on one chunk as decoding and hashing a large image's would take: `ms` of the main thread. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('eachChunk', () => {
  it('hands over every chunk in order', async () => {
    const seen: number[] = [];
    await eachChunk(bufferedAnswer(50), (chunk) => seen.push(chunk[0]!));
    expect(seen).toEqual(Array.from({ length: 50 }, (_, index) => index));
  });

  it('lets the event loop run between chunks once their work has held it for a slice', async () => {
    let turns = 0;
    const count = () => {
      turns++;
      if (!done) setImmediate(count);
    };
    let done = false;
    setImmediate(count);
    // Ten slices' worth of work in chunks that were all there at once: read in microtasks only, no turn would come.
    await eachChunk(bufferedAnswer(20), () => busyFor(readSliceMs / 2));
    done = true;
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
