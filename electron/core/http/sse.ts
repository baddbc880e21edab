// Server-sent events read off a fetch body, as openai-node reads them (src/core/streaming.ts: _iterSSEMessages,
// iterSSEChunks, SSEDecoder) after the WHATWG event-stream format: lines end in \n, \r\n or \r; an empty line ends
// an event; `event:` names it, `data:` lines join with \n, a line starting with ':' is a comment (keep-alive);
// one space after the colon is dropped. Small enough to keep here rather than add a dependency for it.

export interface ServerSentEvent {
  /** The `event:` field, or null when the event has none (openai-node then reads the type from the data). */
  event: string | null;
  data: string;
}

/** Thrown when the body ends or breaks before the server finished its last event. */
export class EventStreamCut extends Error {
  constructor(
    readonly eventsRead: number,
    cause: unknown,
  ) {
    super(`The event stream was cut after ${eventsRead} events`, { cause });
  }
}

/** Splits decoded text into complete lines, keeping a partial last line (and a lone \r) for the next chunk. */
class LineSplitter {
  private rest = '';

  push(text: string): string[] {
    const all = this.rest + text;
    const lines: string[] = [];
    let start = 0;
    for (let index = 0; index < all.length; index++) {
      const char = all.charCodeAt(index);
      if (char !== 10 && char !== 13) continue;
      // A \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (char === 13 && index === all.length - 1) break;
      lines.push(all.slice(start, index));
      if (char === 13 && all.charCodeAt(index + 1) === 10) index++;
      start = index + 1;
    }
    this.rest = all.slice(start);
    return lines;
  }

  /** What is left when the body ends (a final line without its newline). */
  flush(): string[] {
    const rest = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
    this.rest = '';
    return rest ? [rest] : [];
  }
}

class EventDecoder {
  private event: string | null = null;
  private data: string[] = [];

  /** One line in; an event out when the line ends one. */
  line(line: string): ServerSentEvent | null {
    if (line === '') {
      if (this.event === null && this.data.length === 0) return null;
      const sse = { event: this.event, data: this.data.join('\n') };
      this.event = null;
      this.data = [];
      return sse;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return null;
  }

  /** True while an event has begun and not been ended by an empty line. */
  get open(): boolean {
    return this.event !== null || this.data.length > 0;
  }
}

/**
 * Every event of an event-stream body, in order. A body that breaks (the connection dropped) or ends in the middle
 * of an event throws EventStreamCut, so a caller can tell "the server finished" from "we lost the rest".
 */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  const lines = new LineSplitter();
  const events = new EventDecoder();
  let read = 0;
  let finished = false;
  const reader = body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new EventStreamCut(read, error);
      }
      const text = chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      const complete = chunk.done ? [...lines.push(text), ...lines.flush()] : lines.push(text);
      for (const line of complete) {
        const sse = events.line(line);
        if (sse) {
          read++;
          yield sse;
        }
      }
      if (chunk.done) break;
    }
    finished = true;
    if (events.open) throw new EventStreamCut(read, new Error('the body ended inside an event'));
  } finally {
    // A caller that stops early (an error event, a cancel) lets go of the connection too.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
