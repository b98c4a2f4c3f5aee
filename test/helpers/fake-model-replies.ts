/**
 * Scripted replies of the fake model server, as plain JSON values (so the standalone
 * runner can read them from a file), with builders and renderers for both wires. The
 * Responses rendering reproduces test/fixtures/codex/sse-samples/*.sse byte for byte.
 */

export interface FakeUsage {
  readonly input?: number;
  readonly cached?: number;
  readonly output?: number;
  readonly reasoning?: number;
}

interface Common {
  readonly usage?: FakeUsage;
  /** Overrides the server's `resp_<n>` counter. */
  readonly responseId?: string;
}

export type FakeReply =
  | (Common & {
      readonly kind: 'text';
      readonly text: string;
      readonly chunks?: readonly string[];
      readonly outputIndex?: number;
    })
  | (Common & { readonly kind: 'function_call'; readonly name: string; readonly arguments: string })
  | (Common & { readonly kind: 'custom_tool_call'; readonly name: string; readonly input: string })
  | (Common & { readonly kind: 'reasoning'; readonly summary: string; readonly text: string })
  | {
      readonly kind: 'http_error';
      readonly status: number;
      readonly body: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'response_failed'; readonly message: string; readonly code?: string; readonly responseId?: string }
  /** Sends the first `afterFrames` frames of `reply`, then drops the connection. */
  | { readonly kind: 'disconnect'; readonly reply: FakeReply; readonly afterFrames: number }
  /** Sends the first `afterFrames` frames of `reply`, then ends the body cleanly. */
  | { readonly kind: 'end_early'; readonly reply: FakeReply; readonly afterFrames: number }
  /** Sends `afterFrames` frames of a text reply (0: not even headers), then waits for the client to go. */
  | { readonly kind: 'hang'; readonly afterFrames?: number }
  /** Sends `reply` one frame every `intervalMs`. */
  | { readonly kind: 'drip'; readonly reply: FakeReply; readonly intervalMs: number }
  /** Sends these bytes as the SSE body, verbatim. */
  | { readonly kind: 'raw_sse'; readonly body: string };

export const reply = {
  text: (text: string, opts: Common & { chunks?: readonly string[]; outputIndex?: number } = {}): FakeReply => ({
    kind: 'text',
    text,
    ...opts,
  }),
  json: (value: unknown, opts: Common = {}): FakeReply => ({ kind: 'text', text: JSON.stringify(value), ...opts }),
  functionCall: (name: string, args: unknown, opts: Common = {}): FakeReply => ({
    kind: 'function_call',
    name,
    arguments: typeof args === 'string' ? args : JSON.stringify(args),
    ...opts,
  }),
  execCommand: (cmd: string, extra: Record<string, unknown> = {}, opts: Common = {}): FakeReply => ({
    kind: 'function_call',
    name: 'exec_command',
    arguments: JSON.stringify({ cmd, ...extra }),
    ...opts,
  }),
  applyPatch: (patch: string, opts: Common = {}): FakeReply => ({
    kind: 'custom_tool_call',
    name: 'apply_patch',
    input: patch,
    ...opts,
  }),
  reasoning: (summary: string, text: string, opts: Common = {}): FakeReply => ({
    kind: 'reasoning',
    summary,
    text,
    ...opts,
  }),
  httpError: (status: number, body = '', headers?: Record<string, string>): FakeReply =>
    headers === undefined ? { kind: 'http_error', status, body } : { kind: 'http_error', status, body, headers },
  rateLimited: (
    retryAfter: string,
    body = '{"error":{"message":"rate limited","type":"rate_limit_error"}}',
  ): FakeReply => ({
    kind: 'http_error',
    status: 429,
    body,
    headers: { 'retry-after': retryAfter },
  }),
  responseFailed: (message: string, code = 'server_error'): FakeReply => ({ kind: 'response_failed', message, code }),
  disconnect: (r: FakeReply, afterFrames: number): FakeReply => ({ kind: 'disconnect', reply: r, afterFrames }),
  endEarly: (r: FakeReply, afterFrames: number): FakeReply => ({ kind: 'end_early', reply: r, afterFrames }),
  hang: (afterFrames = 0): FakeReply => ({ kind: 'hang', afterFrames }),
  drip: (r: FakeReply, intervalMs: number): FakeReply => ({ kind: 'drip', reply: r, intervalMs }),
  rawSse: (body: string): FakeReply => ({ kind: 'raw_sse', body }),
};

/** A fluent list of replies: `script().execCommand('echo hi').text('done').build()`. */
export interface ScriptBuilder {
  text(text: string, opts?: Common & { chunks?: readonly string[] }): ScriptBuilder;
  json(value: unknown, opts?: Common): ScriptBuilder;
  execCommand(cmd: string, extra?: Record<string, unknown>, opts?: Common): ScriptBuilder;
  functionCall(name: string, args: unknown, opts?: Common): ScriptBuilder;
  applyPatch(patch: string, opts?: Common): ScriptBuilder;
  reasoning(summary: string, text: string, opts?: Common): ScriptBuilder;
  httpError(status: number, body?: string, headers?: Record<string, string>): ScriptBuilder;
  rateLimited(retryAfter: string, body?: string): ScriptBuilder;
  responseFailed(message: string, code?: string): ScriptBuilder;
  then(r: FakeReply, times?: number): ScriptBuilder;
  build(): FakeReply[];
}

export function script(): ScriptBuilder {
  const list: FakeReply[] = [];
  const b: ScriptBuilder = {
    text: (t, o) => (list.push(reply.text(t, o)), b),
    json: (v, o) => (list.push(reply.json(v, o)), b),
    execCommand: (c, e, o) => (list.push(reply.execCommand(c, e, o)), b),
    functionCall: (n, a, o) => (list.push(reply.functionCall(n, a, o)), b),
    applyPatch: (p, o) => (list.push(reply.applyPatch(p, o)), b),
    reasoning: (s, t, o) => (list.push(reply.reasoning(s, t, o)), b),
    httpError: (s, body, h) => (list.push(reply.httpError(s, body, h)), b),
    rateLimited: (ra, body) => (list.push(reply.rateLimited(ra, body)), b),
    responseFailed: (m, c) => (list.push(reply.responseFailed(m, c)), b),
    then: (r, times = 1) => {
      for (let i = 0; i < times; i += 1) list.push(r);
      return b;
    },
    build: () => [...list],
  };
  return b;
}

// ------------------------------------------------------------------ usage

const DEFAULT_USAGE: Record<'text' | 'function_call' | 'custom_tool_call' | 'reasoning', Required<FakeUsage>> = {
  text: { input: 1200, cached: 200, output: 30, reasoning: 0 },
  function_call: { input: 1000, cached: 0, output: 20, reasoning: 5 },
  custom_tool_call: { input: 1000, cached: 0, output: 20, reasoning: 0 },
  reasoning: { input: 1200, cached: 200, output: 30, reasoning: 12 },
};

export function usageOf(kind: keyof typeof DEFAULT_USAGE, u: FakeUsage | undefined): Required<FakeUsage> {
  return { ...DEFAULT_USAGE[kind], ...(u ?? {}) };
}

function halves(text: string): string[] {
  const cut = Math.floor(text.length / 2);
  return [text.slice(0, cut), text.slice(cut)];
}

export function textChunks(r: { text: string; chunks?: readonly string[] }): readonly string[] {
  return r.chunks ?? halves(r.text);
}

// ------------------------------------------------------------------ Responses wire

function frame(data: Record<string, unknown>): string {
  return `event: ${String(data['type'])}\ndata: ${JSON.stringify(data)}\n\n`;
}

function completed(id: string, u: Required<FakeUsage>): string {
  return frame({
    type: 'response.completed',
    response: {
      id,
      usage: {
        input_tokens: u.input,
        input_tokens_details: { cached_tokens: u.cached },
        output_tokens: u.output,
        output_tokens_details: { reasoning_tokens: u.reasoning },
        total_tokens: u.input + u.output,
      },
    },
  });
}

function messageFrames(rid: string, index: number, chunks: readonly string[], text: string): string[] {
  const id = `msg_${rid}`;
  return [
    frame({
      type: 'response.output_item.added',
      output_index: index,
      item: { type: 'message', id, role: 'assistant', status: 'in_progress', content: [] },
    }),
    ...chunks.map((delta) =>
      frame({ type: 'response.output_text.delta', item_id: id, output_index: index, content_index: 0, delta }),
    ),
    frame({
      type: 'response.output_item.done',
      output_index: index,
      item: {
        type: 'message',
        id,
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    }),
  ];
}

/** SSE frames of one reply on the Responses wire (each a complete "event/data" block). */
export function responsesFrames(r: FakeReply, rid: string): string[] {
  const created = frame({ type: 'response.created', response: { id: rid } });
  switch (r.kind) {
    case 'text':
      return [
        created,
        ...messageFrames(rid, r.outputIndex ?? 1, textChunks(r), r.text),
        completed(rid, usageOf('text', r.usage)),
      ];
    case 'function_call': {
      const id = `fc_${rid}`;
      const call = { type: 'function_call', id, call_id: `call_${rid}`, name: r.name };
      return [
        created,
        frame({
          type: 'response.output_item.added',
          output_index: 0,
          item: { ...call, arguments: '', status: 'in_progress' },
        }),
        frame({ type: 'response.function_call_arguments.delta', item_id: id, output_index: 0, delta: r.arguments }),
        frame({
          type: 'response.output_item.done',
          output_index: 0,
          item: { ...call, arguments: r.arguments, status: 'completed' },
        }),
        completed(rid, usageOf('function_call', r.usage)),
      ];
    }
    case 'custom_tool_call': {
      const id = `ctc_${rid}`;
      const call = { type: 'custom_tool_call', id, call_id: `call_${rid}`, name: r.name };
      return [
        created,
        frame({
          type: 'response.output_item.added',
          output_index: 0,
          item: { ...call, input: '', status: 'completed' },
        }),
        frame({ type: 'response.custom_tool_call_input.delta', item_id: id, output_index: 0, delta: r.input }),
        frame({
          type: 'response.output_item.done',
          output_index: 0,
          item: { ...call, input: r.input, status: 'completed' },
        }),
        completed(rid, usageOf('custom_tool_call', r.usage)),
      ];
    }
    case 'reasoning': {
      const id = `rs_${rid}`;
      return [
        created,
        frame({ type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id, summary: [] } }),
        frame({
          type: 'response.reasoning_summary_part.added',
          item_id: id,
          output_index: 0,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        }),
        frame({
          type: 'response.reasoning_summary_text.delta',
          item_id: id,
          output_index: 0,
          summary_index: 0,
          delta: r.summary,
        }),
        frame({
          type: 'response.output_item.done',
          output_index: 0,
          item: {
            type: 'reasoning',
            id,
            summary: [{ type: 'summary_text', text: r.summary }],
            encrypted_content: null,
          },
        }),
        ...messageFrames(rid, 1, halves(r.text), r.text),
        completed(rid, usageOf('reasoning', r.usage)),
      ];
    }
    case 'response_failed':
      return [
        created,
        frame({
          type: 'response.failed',
          response: { id: rid, error: { code: r.code ?? 'server_error', message: r.message } },
        }),
      ];
    case 'hang':
      return responsesFrames(reply.text('...'), rid);
    default:
      return [];
  }
}

// ------------------------------------------------------------------ Chat wire

export interface ChatRenderOptions {
  /** Where usage goes: a final `choices: []` chunk (when the request asked), every chunk, or nowhere. */
  readonly usage: 'final' | 'every' | 'none';
}

export function chatFrames(r: FakeReply, rid: string, opts: ChatRenderOptions): string[] {
  const kind =
    r.kind === 'text' || r.kind === 'function_call' || r.kind === 'custom_tool_call' || r.kind === 'reasoning'
      ? r.kind
      : 'text';
  const u = usageOf(kind, 'usage' in r ? r.usage : undefined);
  const usage = {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cached },
    completion_tokens_details: { reasoning_tokens: u.reasoning },
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
    `data: ${JSON.stringify({
      id: rid,
      object: 'chat.completion.chunk',
      created: 0,
      model: 'fake-model',
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...(opts.usage === 'every' ? { usage } : {}),
    })}\n\n`;
  const tail = (): string[] => [
    ...(opts.usage === 'final'
      ? [
          `data: ${JSON.stringify({ id: rid, object: 'chat.completion.chunk', created: 0, model: 'fake-model', choices: [], usage })}\n\n`,
        ]
      : []),
    'data: [DONE]\n\n',
  ];
  const toolCall = (name: string, args: string): string[] => [
    chunk({
      role: 'assistant',
      content: null,
      tool_calls: [{ index: 0, id: `call_${rid}`, type: 'function', function: { name, arguments: '' } }],
    }),
    ...halves(args).map((a) => chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] })),
    chunk({}, 'tool_calls'),
    ...tail(),
  ];
  switch (r.kind) {
    case 'text':
      return [
        chunk({ role: 'assistant', content: '' }),
        ...textChunks(r).map((c) => chunk({ content: c })),
        chunk({}, 'stop'),
        ...tail(),
      ];
    case 'function_call':
      return toolCall(r.name, r.arguments);
    case 'custom_tool_call':
      return toolCall(r.name, JSON.stringify({ input: r.input }));
    case 'reasoning':
      return [
        chunk({ role: 'assistant', content: '' }),
        chunk({ reasoning_content: r.summary }),
        ...halves(r.text).map((c) => chunk({ content: c })),
        chunk({}, 'stop'),
        ...tail(),
      ];
    case 'response_failed':
      return [
        chunk({ role: 'assistant', content: '' }),
        `data: ${JSON.stringify({ error: { message: r.message, code: r.code ?? 'server_error' } })}\n\n`,
      ];
    case 'hang':
      return chatFrames(reply.text('...'), rid, opts);
    default:
      return [];
  }
}
