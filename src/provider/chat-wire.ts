import { toChatRequest } from './chat-convert.js';
import { CLOSED_BEFORE_COMPLETED, classifyStreamError, streamDisconnected } from './failure.js';
import type { FrameResult, WireCodec, WireDecoder } from './http-stream.js';
import type { SseFrame } from './sse-parser.js';
import type { ModelEvent, ModelRequest, OutputItem, TokenUsage } from './types.js';

/**
 * The Chat Completions wire: POST {base_url}/chat/completions with stream:true. Chunks
 * are folded into the same ModelEvents the Responses wire produces: a message item, a
 * reasoning item (from `reasoning_content`/`reasoning` deltas some local servers send),
 * and one function_call or custom_tool_call item per `tool_calls[index]`.
 */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function mapChatUsage(u: unknown): TokenUsage {
  const o = obj(u) ?? {};
  const pd = obj(o['prompt_tokens_details']) ?? {};
  const cd = obj(o['completion_tokens_details']) ?? {};
  const input = num(o['prompt_tokens']);
  const output = num(o['completion_tokens']);
  return {
    input_tokens: input,
    cached_input_tokens: num(pd['cached_tokens']),
    cache_write_input_tokens: 0,
    output_tokens: output,
    reasoning_output_tokens: num(cd['reasoning_tokens']),
    total_tokens: o['total_tokens'] === undefined ? input + output : num(o['total_tokens']),
  };
}

interface ToolAcc {
  outputIndex: number;
  id: string;
  name: string;
  args: string;
  added: boolean;
}

export function createChatDecoder(customTools: ReadonlySet<string>): WireDecoder {
  let responseId: string | null = null;
  let created = false;
  let nextIndex = 0;
  let reasoning: { outputIndex: number; text: string } | undefined;
  let message: { outputIndex: number; text: string } | undefined;
  const tools = new Map<number, ToolAcc>();
  let finished = false;
  let usage: unknown;

  const base = (): string => responseId ?? 'chat';

  function toolItem(t: ToolAcc, status: 'in_progress' | 'completed'): OutputItem {
    if (customTools.has(t.name)) {
      let input = t.args;
      if (status === 'completed') {
        try {
          const parsed = obj(JSON.parse(t.args));
          const v = parsed?.['input'];
          if (typeof v === 'string') input = v;
        } catch {
          // not JSON: the model sent the raw input; pass it through
        }
      } else {
        input = '';
      }
      return { type: 'custom_tool_call', id: `ctc_${t.id}`, call_id: t.id, name: t.name, input, status };
    }
    return {
      type: 'function_call',
      id: `fc_${t.id}`,
      call_id: t.id,
      name: t.name,
      arguments: status === 'completed' ? t.args : '',
      status,
    };
  }

  function finish(): ModelEvent[] {
    const evs: ModelEvent[] = [];
    if (reasoning !== undefined) {
      evs.push({
        type: 'output_item_done',
        output_index: reasoning.outputIndex,
        item: { type: 'reasoning', id: `rs_${base()}`, summary: [{ type: 'summary_text', text: reasoning.text }] },
      });
    }
    if (message !== undefined) {
      evs.push({
        type: 'output_item_done',
        output_index: message.outputIndex,
        item: {
          type: 'message',
          id: `msg_${base()}`,
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: message.text, annotations: [] }],
        },
      });
    }
    for (const key of [...tools.keys()].sort((a, b) => a - b)) {
      const t = tools.get(key);
      if (t === undefined) continue;
      if (!t.added)
        evs.push({ type: 'output_item_added', output_index: t.outputIndex, item: toolItem(t, 'in_progress') });
      evs.push({ type: 'output_item_done', output_index: t.outputIndex, item: toolItem(t, 'completed') });
    }
    evs.push({ type: 'completed', response_id: responseId, usage: mapChatUsage(usage) });
    return evs;
  }

  function chunk(data: Obj): ModelEvent[] {
    const evs: ModelEvent[] = [];
    if (!created) {
      created = true;
      responseId = str(data['id']) ?? null;
      evs.push({ type: 'created', response_id: responseId });
    }
    if (data['usage'] !== undefined && data['usage'] !== null) usage = data['usage'];
    const choices = Array.isArray(data['choices']) ? data['choices'] : [];
    const choice = obj(choices.find((c) => num(obj(c)?.['index']) === 0) ?? choices[0]);
    if (choice === undefined) return evs;
    const delta = obj(choice['delta']) ?? {};
    const think = str(delta['reasoning_content']) ?? str(delta['reasoning']);
    if (think !== undefined && think !== '') {
      if (reasoning === undefined) {
        reasoning = { outputIndex: nextIndex++, text: '' };
        const id = `rs_${base()}`;
        evs.push({
          type: 'output_item_added',
          output_index: reasoning.outputIndex,
          item: { type: 'reasoning', id, summary: [] },
        });
        evs.push({
          type: 'reasoning_summary_part_added',
          item_id: id,
          output_index: reasoning.outputIndex,
          summary_index: 0,
        });
      }
      reasoning.text += think;
      evs.push({
        type: 'reasoning_summary_delta',
        item_id: `rs_${base()}`,
        output_index: reasoning.outputIndex,
        summary_index: 0,
        delta: think,
      });
    }
    const text = str(delta['content']);
    if (text !== undefined && text !== '') {
      if (message === undefined) {
        message = { outputIndex: nextIndex++, text: '' };
        evs.push({
          type: 'output_item_added',
          output_index: message.outputIndex,
          item: { type: 'message', id: `msg_${base()}`, role: 'assistant', status: 'in_progress', content: [] },
        });
      }
      message.text += text;
      evs.push({ type: 'output_text_delta', item_id: `msg_${base()}`, output_index: message.outputIndex, delta: text });
    }
    const calls = Array.isArray(delta['tool_calls']) ? delta['tool_calls'] : [];
    calls.forEach((raw, pos) => {
      const tc = obj(raw) ?? {};
      const key = typeof tc['index'] === 'number' ? tc['index'] : pos;
      let t = tools.get(key);
      if (t === undefined) {
        t = { outputIndex: nextIndex++, id: '', name: '', args: '', added: false };
        tools.set(key, t);
      }
      const fn = obj(tc['function']) ?? {};
      const id = str(tc['id']);
      if (id !== undefined && id !== '' && t.id === '') t.id = id;
      const name = str(fn['name']);
      if (name !== undefined && name !== '' && t.name === '') t.name = name;
      if (t.id === '') t.id = `call_${base()}_${key}`;
      const args = str(fn['arguments']) ?? '';
      if (!t.added && t.name !== '') {
        t.added = true;
        evs.push({ type: 'output_item_added', output_index: t.outputIndex, item: toolItem(t, 'in_progress') });
      }
      if (args !== '') {
        t.args += args;
        evs.push({ type: 'tool_input_delta', item_id: t.id, output_index: t.outputIndex, delta: args });
      }
    });
    if (choice['finish_reason'] !== undefined && choice['finish_reason'] !== null) finished = true;
    return evs;
  }

  return {
    frame(frame: SseFrame): FrameResult {
      if (frame.data.trim() === '[DONE]') return { events: finish(), end: 'completed' };
      let data: Obj | undefined;
      try {
        data = obj(JSON.parse(frame.data));
      } catch {
        return { events: [] };
      }
      if (data === undefined) return { events: [] };
      const err = data['error'];
      if (err !== undefined && err !== null) {
        const e = obj(err);
        return {
          events: [],
          end: classifyStreamError(
            str(e?.['code']),
            str(e?.['message']) ?? (typeof err === 'string' ? err : JSON.stringify(err)),
          ),
        };
      }
      return { events: chunk(data) };
    },
    eof(): FrameResult {
      if (finished) return { events: finish(), end: 'completed' };
      return { events: [], end: streamDisconnected(CLOSED_BEFORE_COMPLETED) };
    },
  };
}

export function chatCodec(opts: { readonly includeUsage: boolean }): WireCodec {
  return {
    wire: 'chat',
    path: 'chat/completions',
    prepare(req: ModelRequest) {
      const { body, customTools } = toChatRequest(req.body, opts);
      return { body, decoder: () => createChatDecoder(customTools) };
    },
  };
}
