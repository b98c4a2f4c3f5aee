import { CLOSED_BEFORE_COMPLETED, classifyStreamError, streamDisconnected } from './failure.js';
import type { FrameResult, WireCodec, WireDecoder } from './http-stream.js';
import type { SseFrame } from './sse-parser.js';
import type { ModelEvent, ModelRequest, OutputItem, TokenUsage } from './types.js';

/** The OpenAI Responses wire: POST {base_url}/responses, SSE of `response.*` events. */

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Accepts the four item types the loop understands; anything else is ignored. */
export function asOutputItem(v: unknown): OutputItem | undefined {
  const o = obj(v);
  if (o === undefined) return undefined;
  switch (o['type']) {
    case 'message':
      return Array.isArray(o['content']) && typeof o['role'] === 'string' ? (o as unknown as OutputItem) : undefined;
    case 'function_call':
      return typeof o['name'] === 'string' && typeof o['call_id'] === 'string'
        ? ({ ...o, arguments: str(o['arguments']) ?? '' } as unknown as OutputItem)
        : undefined;
    case 'custom_tool_call':
      return typeof o['name'] === 'string' && typeof o['call_id'] === 'string'
        ? ({ ...o, input: str(o['input']) ?? '' } as unknown as OutputItem)
        : undefined;
    case 'reasoning':
      return { ...o, summary: Array.isArray(o['summary']) ? o['summary'] : [] } as unknown as OutputItem;
    default:
      return undefined;
  }
}

/** Responses `usage` → codex's usage fields (input includes cached tokens). */
export function mapResponsesUsage(u: unknown): TokenUsage {
  const o = obj(u) ?? {};
  const inDetails = obj(o['input_tokens_details']) ?? {};
  const outDetails = obj(o['output_tokens_details']) ?? {};
  const input = num(o['input_tokens']);
  const output = num(o['output_tokens']);
  return {
    input_tokens: input,
    cached_input_tokens: num(inDetails['cached_tokens']),
    cache_write_input_tokens: num(inDetails['cache_write_tokens'] ?? inDetails['cache_creation_tokens']),
    output_tokens: output,
    reasoning_output_tokens: num(outDetails['reasoning_tokens']),
    total_tokens: o['total_tokens'] === undefined ? input + output : num(o['total_tokens']),
  };
}

const NONE: FrameResult = { events: [] };

function one(ev: ModelEvent): FrameResult {
  return { events: [ev] };
}

export function decodeResponsesFrame(frame: SseFrame): FrameResult {
  if (frame.data === '[DONE]') return NONE;
  let data: Obj | undefined;
  try {
    data = obj(JSON.parse(frame.data));
  } catch {
    return NONE; // codex skips frames it cannot parse
  }
  if (data === undefined) return NONE;
  const type = str(data['type']) ?? frame.event;
  const itemId = str(data['item_id']) ?? null;
  const outputIndex = num(data['output_index']);
  switch (type) {
    case 'response.created':
      return one({ type: 'created', response_id: str(obj(data['response'])?.['id']) ?? null });
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const item = asOutputItem(data['item']);
      if (item === undefined) return NONE;
      return one({
        type: type === 'response.output_item.added' ? 'output_item_added' : 'output_item_done',
        output_index: outputIndex,
        item,
      });
    }
    case 'response.output_text.delta':
      return one({
        type: 'output_text_delta',
        item_id: itemId,
        output_index: outputIndex,
        delta: str(data['delta']) ?? '',
      });
    case 'response.reasoning_summary_part.added':
      return one({
        type: 'reasoning_summary_part_added',
        item_id: itemId,
        output_index: outputIndex,
        summary_index: num(data['summary_index']),
      });
    case 'response.reasoning_summary_text.delta':
      return one({
        type: 'reasoning_summary_delta',
        item_id: itemId,
        output_index: outputIndex,
        summary_index: num(data['summary_index']),
        delta: str(data['delta']) ?? '',
      });
    case 'response.function_call_arguments.delta':
    case 'response.custom_tool_call_input.delta':
      return one({
        type: 'tool_input_delta',
        item_id: itemId,
        output_index: outputIndex,
        delta: str(data['delta']) ?? '',
      });
    case 'response.completed': {
      const response = obj(data['response']) ?? {};
      return {
        events: [
          { type: 'completed', response_id: str(response['id']) ?? null, usage: mapResponsesUsage(response['usage']) },
        ],
        end: 'completed',
      };
    }
    case 'response.failed': {
      const err = obj(obj(data['response'])?.['error']) ?? {};
      return { events: [], end: classifyStreamError(str(err['code']), str(err['message'])) };
    }
    case 'response.incomplete': {
      const details = obj(obj(data['response'])?.['incomplete_details']) ?? {};
      const reason = str(details['reason']) ?? 'unknown';
      return { events: [], end: streamDisconnected(`Incomplete response returned, reason: ${reason}`) };
    }
    case 'error': {
      const err = obj(data['error']) ?? data;
      return { events: [], end: classifyStreamError(str(err['code']), str(err['message'])) };
    }
    default:
      // response.in_progress, content_part.*, *.done deltas, refusal, web search progress …
      return NONE;
  }
}

function responsesDecoder(): WireDecoder {
  return {
    frame: decodeResponsesFrame,
    eof: () => ({ events: [], end: streamDisconnected(CLOSED_BEFORE_COMPLETED) }),
  };
}

export const responsesCodec: WireCodec = {
  wire: 'responses',
  path: 'responses',
  prepare: (req: ModelRequest) => ({ body: { ...req.body, stream: true }, decoder: responsesDecoder }),
};
