import { HexecError } from '../errors/index.js';
import type { Cassette } from './cassette.js';
import { abortError } from './failure.js';
import { jsonLineDiff } from './line-diff.js';
import { normaliseRequest, normaliseStored, type NormaliseOptions } from './normalise-request.js';
import { redactDeep } from './redact.js';
import type { ModelClient } from './types.js';
import { canonicalJson } from '../util/index.js';

/**
 * strict: every request must equal its recorded entry after normalisation, else exit 6
 *         with a line diff of the first differing request.
 * order:  replies are served in recorded order whatever the requests say.
 */
export type ReplayMode = 'strict' | 'order';

export interface ReplayOptions extends NormaliseOptions {
  /** Secret values to redact from live requests before comparing (the cassette has them redacted). */
  readonly secrets?: readonly string[];
}

/** A ModelClient that never touches the network: it serves a cassette. */
export function replayClient(cassette: Cassette, mode: ReplayMode, opts: ReplayOptions = {}): ModelClient {
  let next = 0;
  const total = cassette.interactions.length;
  return {
    wire: cassette.header.wire,
    providerId: 'replay',
    async *stream(req, streamOpts) {
      if (streamOpts.signal.aborted) throw abortError(streamOpts.signal.reason);
      const index = next;
      next += 1;
      const entry = cassette.interactions[index];
      if (entry === undefined) {
        throw new HexecError(
          'replay',
          `replay diverged: the run made request ${index + 1} but the cassette holds only ${total} request${total === 1 ? '' : 's'}`,
          { hint: 'record the cassette again (the run now needs more model turns)' },
        );
      }
      if (mode === 'strict') {
        const actual = redactDeep(normaliseRequest(req, opts), opts.secrets ?? []);
        const expected = normaliseStored(entry.request, opts);
        if (canonicalJson(actual) !== canonicalJson(expected)) {
          const diff = jsonLineDiff(expected, actual, {
            fromLabel: `cassette request ${index + 1}`,
            toLabel: `this run's request ${index + 1}`,
          });
          throw new HexecError('replay', `replay diverged at request ${index + 1} (strict mode):\n${diff}`, {
            hint: 'record the cassette again, or replay in order mode to ignore request contents',
          });
        }
      }
      const retries = entry.retries ?? [];
      let r = 0;
      for (let i = 0; i <= entry.events.length; i += 1) {
        while (r < retries.length && (retries[r]?.after_event ?? Infinity) <= i) {
          const notice = retries[r]?.notice;
          if (notice !== undefined) streamOpts.onRetry?.(notice);
          r += 1;
        }
        if (streamOpts.signal.aborted) throw abortError(streamOpts.signal.reason);
        const ev = entry.events[i];
        if (ev !== undefined) yield ev;
      }
      if (entry.error !== undefined) throw new HexecError(entry.error.kind, entry.error.message);
    },
  };
}
