/**
 * An incremental server-sent-events parser following the WHATWG framing rules: lines end
 * with LF, CR or CRLF (a CR at a chunk boundary waits for a possible LF), `:` starts a
 * comment, `data:` lines of one event are joined with "\n", one leading space after the
 * colon is dropped, a blank line dispatches, an event with no data is not dispatched, and
 * an unterminated event at end of stream is discarded. A UTF-8 BOM at the start is skipped.
 */

export interface SseFrame {
  /** The `event:` field, or "message" when absent. */
  readonly event: string;
  readonly data: string;
  /** The last `id:` seen so far on the stream (sticky, as in EventSource). */
  readonly id: string | undefined;
}

export interface SseParser {
  /** Feeds decoded text or raw bytes; returns the frames completed by this chunk. */
  push(chunk: string | Uint8Array): SseFrame[];
  /** Ends the stream; returns nothing (a pending event is dropped) but flushes the decoder. */
  end(): SseFrame[];
  /** Bytes/characters received so far that did not yet complete a frame. */
  readonly pendingChars: number;
}

export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let started = false;
  let pendingCr = false;
  let eventName = '';
  let dataLines: string[] = [];
  let hasData = false;
  let lastId: string | undefined;

  function processLine(line: string, out: SseFrame[]): void {
    if (line === '') {
      if (hasData) {
        out.push({ event: eventName === '' ? 'message' : eventName, data: dataLines.join('\n'), id: lastId });
      }
      eventName = '';
      dataLines = [];
      hasData = false;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventName = value;
        break;
      case 'data':
        dataLines.push(value);
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      default:
        // `retry` and unknown fields are ignored: reconnection is the adapter's job.
        break;
    }
  }

  function consume(text: string): SseFrame[] {
    const out: SseFrame[] = [];
    if (!started && text.length > 0) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (pendingCr && text.startsWith('\n')) text = text.slice(1);
    pendingCr = false;
    buffer += text;
    let start = 0;
    for (let i = 0; i < buffer.length; i += 1) {
      const c = buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      processLine(buffer.slice(start, i), out);
      if (c === 13) {
        if (i + 1 === buffer.length) {
          pendingCr = true;
        } else if (buffer.charCodeAt(i + 1) === 10) {
          i += 1;
        }
      }
      start = i + 1;
    }
    buffer = buffer.slice(start);
    return out;
  }

  return {
    push(chunk) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      return consume(text);
    },
    end() {
      const rest = decoder.decode();
      const frames = rest.length > 0 ? consume(rest) : [];
      buffer = '';
      dataLines = [];
      hasData = false;
      return frames;
    },
    get pendingChars() {
      return buffer.length;
    },
  };
}

/** Parses a whole SSE document (tests, cassettes). */
export function parseSseText(text: string): SseFrame[] {
  const p = createSseParser();
  return [...p.push(text), ...p.end()];
}
