import type { ModelPort, ModelStreamEvent, ResponseItem } from '../agent/ports.js';
import type { ModelClient, ModelRequest, ResponsesRequestBody } from '../provider/index.js';

/**
 * Adapts a provider client to the loop. Output items are held back until the response
 * completes: after a stream retry the provider restarts the reply from `created`, and
 * nothing of an abandoned attempt may reach the event stream or the history.
 */
export function createModelPort(client: ModelClient, headers: () => Readonly<Record<string, string>>): ModelPort {
  return {
    async *stream(request, options): AsyncIterable<ModelStreamEvent> {
      const req: ModelRequest = { body: request as unknown as ResponsesRequestBody, headers: headers() };
      let pending: ResponseItem[] = [];
      for await (const ev of client.stream(req, {
        signal: options.signal,
        onRetry: (n) => {
          pending = [];
          options.onRetry(n.text);
        },
      })) {
        switch (ev.type) {
          case 'created':
            pending = [];
            break;
          case 'output_item_done':
            pending.push(ev.item as unknown as ResponseItem);
            break;
          case 'output_text_delta':
            yield { type: 'text_delta', delta: ev.delta };
            break;
          case 'completed': {
            for (const item of pending) yield { type: 'output_item_done', item };
            pending = [];
            const u = ev.usage;
            yield {
              type: 'completed',
              usage: {
                input_tokens: u.input_tokens,
                cached_input_tokens: u.cached_input_tokens,
                cache_write_input_tokens: u.cache_write_input_tokens,
                output_tokens: u.output_tokens,
                reasoning_output_tokens: u.reasoning_output_tokens,
              },
              ...(ev.response_id !== null ? { responseId: ev.response_id } : {}),
            };
            break;
          }
          default:
            break;
        }
      }
    },
  };
}
