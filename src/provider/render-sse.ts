import type { ModelEvent, OutputItem, TokenUsage } from './types.js';

/**
 * ModelEvents (what a cassette stores, wire independent) back into the SSE bodies a
 * provider sends, so a cassette can be served to any OpenAI-compatible client. The
 * Responses rendering follows the recorded events one for one (deltas included); the
 * Chat Completions rendering is built from the finished items (one chunk per item),
 * which is what the chat decoder folds its deltas into anyway.
 */

type Obj = Record<string, unknown>;

function sse(data: Obj): string {
  return `event: ${String(data['type'])}\ndata: ${JSON.stringify(data)}\n\n`;
}

function responsesUsage(u: TokenUsage): Obj {
  return {
    input_tokens: u.input_tokens,
    input_tokens_details: {
      cached_tokens: u.cached_input_tokens,
      ...(u.cache_write_input_tokens > 0 ? { cache_write_tokens: u.cache_write_input_tokens } : {}),
    },
    output_tokens: u.output_tokens,
    output_tokens_details: { reasoning_tokens: u.reasoning_output_tokens },
    total_tokens: u.total_tokens,
  };
}

/** Responses-wire SSE frames for a list of events (one frame per event). */
export function responsesSseFrames(events: readonly ModelEvent[], fallbackId: string): string[] {
  const itemTypes = new Map<number, string>();
  let rid = fallbackId;
  return events.map((ev) => {
    switch (ev.type) {
      case 'created':
        rid = ev.response_id ?? fallbackId;
        return sse({ type: 'response.created', response: { id: rid, status: 'in_progress' } });
      case 'output_item_added':
        itemTypes.set(ev.output_index, ev.item.type);
        return sse({ type: 'response.output_item.added', output_index: ev.output_index, item: ev.item });
      case 'output_text_delta':
        return sse({
          type: 'response.output_text.delta',
          item_id: ev.item_id,
          output_index: ev.output_index,
          content_index: 0,
          delta: ev.delta,
        });
      case 'reasoning_summary_part_added':
        return sse({
          type: 'response.reasoning_summary_part.added',
          item_id: ev.item_id,
          output_index: ev.output_index,
          summary_index: ev.summary_index,
          part: { type: 'summary_text', text: '' },
        });
      case 'reasoning_summary_delta':
        return sse({
          type: 'response.reasoning_summary_text.delta',
          item_id: ev.item_id,
          output_index: ev.output_index,
          summary_index: ev.summary_index,
          delta: ev.delta,
        });
      case 'tool_input_delta': {
        const custom = itemTypes.get(ev.output_index) === 'custom_tool_call';
        return sse({
          type: custom ? 'response.custom_tool_call_input.delta' : 'response.function_call_arguments.delta',
          item_id: ev.item_id,
          output_index: ev.output_index,
          delta: ev.delta,
        });
      }
      case 'output_item_done':
        return sse({ type: 'response.output_item.done', output_index: ev.output_index, item: ev.item });
      case 'completed':
        return sse({
          type: 'response.completed',
          response: { id: ev.response_id ?? rid, status: 'completed', usage: responsesUsage(ev.usage) },
        });
    }
  });
}

function messageText(item: OutputItem): string {
  if (item.type !== 'message') return '';
  return item.content.map((c) => ('text' in c && typeof c.text === 'string' ? c.text : '')).join('');
}

/** Chat-Completions SSE frames (`data: {chunk}` … `data: [DONE]`) for one reply. */
export function chatSseFrames(
  events: readonly ModelEvent[],
  fallbackId: string,
  opts: { readonly includeUsage: boolean; readonly model: string },
): string[] {
  let id = fallbackId;
  let usage: TokenUsage | undefined;
  const done: OutputItem[] = [];
  for (const ev of events) {
    if (ev.type === 'created' && ev.response_id !== null) id = ev.response_id;
    else if (ev.type === 'output_item_done') done.push(ev.item);
    else if (ev.type === 'completed') usage = ev.usage;
  }
  const chunk = (delta: Obj, finish: string | null = null, extra: Obj = {}): string =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: opts.model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  const frames: string[] = [chunk({ role: 'assistant', content: '' })];
  let toolIndex = 0;
  for (const item of done) {
    if (item.type === 'reasoning') {
      const text = item.summary.map((s) => s.text).join('\n');
      if (text !== '') frames.push(chunk({ reasoning_content: text }));
    } else if (item.type === 'message') {
      const text = messageText(item);
      if (text !== '') frames.push(chunk({ content: text }));
    } else if (item.type === 'function_call' || item.type === 'custom_tool_call') {
      const args = item.type === 'function_call' ? item.arguments : JSON.stringify({ input: item.input });
      frames.push(
        chunk({
          tool_calls: [
            { index: toolIndex, id: item.call_id, type: 'function', function: { name: item.name, arguments: args } },
          ],
        }),
      );
      toolIndex += 1;
    }
  }
  if (usage !== undefined) {
    frames.push(chunk({}, toolIndex > 0 ? 'tool_calls' : 'stop'));
    if (opts.includeUsage) {
      const u = usage;
      const body = {
        prompt_tokens: u.input_tokens,
        completion_tokens: u.output_tokens,
        total_tokens: u.total_tokens,
        prompt_tokens_details: { cached_tokens: u.cached_input_tokens },
        completion_tokens_details: { reasoning_tokens: u.reasoning_output_tokens },
      };
      frames.push(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: opts.model, choices: [], usage: body })}\n\n`,
      );
    }
    frames.push('data: [DONE]\n\n');
  }
  return frames;
}
