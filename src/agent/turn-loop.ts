import { HexecError, isHexecError } from '../errors/index.js';
import {
  budgetMessage,
  checkAfterResponse,
  checkBeforeRequest,
  costOf,
  timeoutGuard,
  type BudgetExceeded,
  type TimeoutGuard,
  type Budgets,
  type ModelPrice,
} from './budget.js';
import type { EventSink } from './event-sink.js';
import type { SchemaViolation, ThreadItem, Usage } from './events.js';
import type {
  FinalOutputCheck,
  ModelPort,
  ModelUsage,
  ResponseItem,
  ToolCall,
  ToolEventData,
  ToolPort,
} from './ports.js';
import { addUsage } from './usage.js';

export interface TurnInput {
  readonly sink: EventSink;
  readonly model: ModelPort;
  readonly tools: ToolPort;
  /** Request fields other than `input` (model, tools, reasoning, text, ...). */
  readonly requestTemplate: Readonly<Record<string, unknown>>;
  /** Items sent before the history on every request (instructions and context). */
  readonly contextItems: readonly ResponseItem[];
  /** Conversation so far; the loop appends to it. */
  readonly history: ResponseItem[];
  /** Thread usage before this turn (non-zero after resume). */
  readonly usageBefore: ModelUsage;
  readonly budgets: Budgets;
  readonly price?: ModelPrice;
  readonly finalCheck?: FinalOutputCheck;
  /**
   * Applied to the final answer before `finalCheck` (secrets out): the text that is checked
   * is the text the outcome carries, so what -o receives is what passed the check.
   */
  readonly redact?: (text: string) => string;
  readonly maxRepairs: number;
  readonly signal: AbortSignal;
  readonly clockMs: () => number;
  /** Called after every model response with the request's own usage (rollout records). */
  readonly onResponse?: (usage: ModelUsage, responseId: string | undefined) => void;
  /** Called with every item appended to the history, as it happens (rollouts). */
  readonly onAppend?: (items: readonly ResponseItem[]) => void;
}

export type TurnOutcome =
  | {
      readonly status: 'completed';
      /** The final answer as decided: redacted, then checked and normalised (what -o gets). */
      readonly finalText: string | undefined;
      readonly usage: Usage;
    }
  | {
      readonly status: 'failed';
      readonly error: HexecError;
      readonly lastMessage: string | undefined;
      readonly usage: Usage;
    };

function usageEvent(u: ModelUsage, cost: number | undefined): Usage {
  const base: Usage = {
    input_tokens: u.input_tokens,
    cached_input_tokens: u.cached_input_tokens,
    cache_write_input_tokens: u.cache_write_input_tokens,
    output_tokens: u.output_tokens,
    reasoning_output_tokens: u.reasoning_output_tokens,
  };
  return cost === undefined ? base : { ...base, cost_usd: cost };
}

/** A wire field that must be text: a string as is, anything else (missing, malformed) as ''. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function messageText(item: ResponseItem): string {
  const content = item['content'];
  if (!Array.isArray(content)) return '';
  return content
    .map((c: unknown) => {
      const part = c as Record<string, unknown>;
      return part['type'] === 'output_text' || part['type'] === 'text' ? text(part['text']) : '';
    })
    .join('');
}

function reasoningText(item: ResponseItem): string {
  const summary = item['summary'];
  if (!Array.isArray(summary)) return '';
  return summary
    .map((s: unknown) => text((s as Record<string, unknown>)['text']))
    .filter((t) => t.trim() !== '')
    .join('\n');
}

function toolCallOf(item: ResponseItem): ToolCall | undefined {
  if (item.type === 'function_call') {
    return {
      kind: 'function_call',
      name: text(item['name']),
      callId: text(item['call_id']),
      input: text(item['arguments']),
    };
  }
  if (item.type === 'custom_tool_call') {
    return {
      kind: 'custom_tool_call',
      name: text(item['name']),
      callId: text(item['call_id']),
      input: text(item['input']),
    };
  }
  return undefined;
}

export function repairPrompt(errors: readonly SchemaViolation[]): string {
  const lines = errors.map((e) => `- ${e.path === '' ? '(root)' : e.path}: ${e.message}`);
  return `Your final answer does not satisfy the required JSON Schema (--output-schema):\n${lines.join('\n')}\nReply again with only the corrected JSON value, no prose and no code fences.`;
}

/**
 * One turn: model request, tool calls, results back, until the model answers without
 * calling a tool; then the final answer is checked against the output schema and
 * repaired if needed. Emits codex's events through the sink. Never throws for run
 * failures: they are returned as a failed outcome (the caller picks the exit code).
 */
export async function runTurn(input: TurnInput): Promise<TurnOutcome> {
  const started = input.clockMs();
  const guard = timeoutGuard(input.signal, input.budgets.timeoutMs, () => input.clockMs() - started);
  try {
    return await turnBody({ ...input, signal: guard.signal }, guard, started);
  } finally {
    guard.dispose();
  }
}

async function turnBody(input: TurnInput, guard: TimeoutGuard, started: number): Promise<TurnOutcome> {
  const { sink } = input;
  let usage: ModelUsage = { ...input.usageBefore };
  let turnUsage: ModelUsage = {
    input_tokens: 0,
    cached_input_tokens: 0,
    cache_write_input_tokens: 0,
    output_tokens: 0,
    reasoning_output_tokens: 0,
  };
  let cost: number | undefined = input.price !== undefined ? 0 : undefined;
  let lastMessage: string | undefined;
  let requests = 0;
  let repairs = 0;
  const running: RunningItems = new Map();
  const todo: TodoState = { items: [] };
  const fail = async (
    error: HexecError,
    extra: {
      reason?: 'budget' | 'output_schema' | 'model' | 'auth' | 'replay' | 'sandbox';
      budget?: BudgetExceeded;
      schema_errors?: SchemaViolation[];
    } = {},
  ): Promise<TurnOutcome> => {
    await closeTurnItems(input, running, todo);
    sink.emit({
      type: 'turn.failed',
      error: { message: error.message },
      ...(extra.reason !== undefined ? { reason: extra.reason } : {}),
      ...(extra.budget !== undefined
        ? { budget: { name: extra.budget.name, limit: extra.budget.limit, used: extra.budget.used } }
        : {}),
      ...(extra.schema_errors !== undefined ? { schema_errors: extra.schema_errors } : {}),
    });
    return { status: 'failed', error, lastMessage, usage: usageEvent(usage, cost) };
  };
  sink.emit({ type: 'turn.started' });

  const timedOut = (): Promise<TurnOutcome> | undefined => {
    const hit = guard.exceeded();
    return hit === undefined
      ? undefined
      : fail(new HexecError('budget', budgetMessage(hit)), { reason: 'budget', budget: hit });
  };

  for (;;) {
    const late = timedOut();
    if (late !== undefined) return late;
    const over = checkBeforeRequest(input.budgets, requests + 1, input.clockMs() - started);
    if (over !== undefined)
      return fail(new HexecError('budget', budgetMessage(over)), { reason: 'budget', budget: over });
    requests += 1;
    const request = { ...input.requestTemplate, input: [...input.contextItems, ...input.history] };
    const outputItems: ResponseItem[] = [];
    const calls: ToolCall[] = [];
    let messageThisResponse: string | undefined;
    let responseUsage: ModelUsage | undefined;
    let responseId: string | undefined;
    try {
      for await (const ev of input.model.stream(request, {
        signal: input.signal,
        onRetry: (message) => sink.emit({ type: 'error', message }),
      })) {
        if (ev.type === 'output_item_done') {
          const item = ev.item;
          outputItems.push(item);
          if (item.type === 'reasoning') {
            const text = reasoningText(item);
            if (text !== '') sink.completeNew({ type: 'reasoning', text });
          } else if (item.type === 'message') {
            const text = messageText(item);
            messageThisResponse = text;
          } else {
            const call = toolCallOf(item);
            if (call !== undefined) calls.push(call);
          }
        } else if (ev.type === 'completed') {
          responseUsage = ev.usage;
          responseId = ev.responseId;
        }
      }
    } catch (e) {
      const late = timedOut();
      if (late !== undefined) return late;
      const err = isHexecError(e) ? e : new HexecError('run', e instanceof Error ? e.message : String(e));
      if (err.kind === 'interrupted' || err.kind === 'terminated') {
        await closeTurnItems(input, running, todo);
        return { status: 'failed', error: err, lastMessage, usage: usageEvent(usage, cost) };
      }
      sink.emit({ type: 'error', message: err.message });
      return fail(err, { reason: err.kind === 'auth' ? 'auth' : err.kind === 'replay' ? 'replay' : 'model' });
    }
    appendHistory(input, outputItems);
    if (responseUsage !== undefined) {
      usage = addUsage(usage, responseUsage);
      turnUsage = addUsage(turnUsage, responseUsage);
      if (cost !== undefined && input.price !== undefined) cost = costOf(turnUsage, input.price);
      sink.emit({
        type: 'model.usage',
        request: requests,
        usage: usageEvent(responseUsage, input.price !== undefined ? costOf(responseUsage, input.price) : undefined),
      });
      input.onResponse?.(responseUsage, responseId);
    }
    if (messageThisResponse !== undefined) {
      lastMessage = messageThisResponse;
      // The final answer of a schema run is emitted after it has been checked.
      if (calls.length > 0 || input.finalCheck === undefined)
        sink.completeNew({ type: 'agent_message', text: messageThisResponse });
    }
    const spent = checkAfterResponse(input.budgets, turnUsage, cost);
    if (spent !== undefined)
      return fail(new HexecError('budget', budgetMessage(spent)), { reason: 'budget', budget: spent });

    if (calls.length > 0) {
      for (const call of calls) {
        if (input.signal.aborted) break;
        await runToolCall(input, call, running, todo);
      }
      if (input.signal.aborted) {
        const stopped = timedOut();
        if (stopped !== undefined) return stopped;
        await closeTurnItems(input, running, todo);
        const reason = input.signal.reason === 'SIGTERM' ? 'terminated' : 'interrupted';
        return {
          status: 'failed',
          error: new HexecError(reason, `${reason} (${String(input.signal.reason)})`),
          lastMessage,
          usage: usageEvent(usage, cost),
        };
      }
      continue;
    }

    if (messageThisResponse === undefined && lastMessage === undefined) {
      // A reply with neither a tool call nor a message: for CI a silent no-op, not success.
      return fail(new HexecError('run', 'the model ended its turn without a final message'), { reason: 'model' });
    }
    const answer = decideAnswer(input, messageThisResponse, lastMessage, repairs);
    if (answer.type === 'repair') {
      repairs += 1;
      continue;
    }
    if (answer.type === 'rejected')
      return fail(answer.error, { reason: 'output_schema', schema_errors: answer.errors });
    await closeTurnItems(input, running, todo);
    sink.emit({ type: 'turn.completed', usage: usageEvent(usage, cost) });
    return { status: 'completed', finalText: answer.text, usage: usageEvent(usage, cost) };
  }
}

type AnswerDecision =
  | { readonly type: 'kept'; readonly text: string | undefined }
  | { readonly type: 'repair' }
  | { readonly type: 'rejected'; readonly error: HexecError; readonly errors: SchemaViolation[] };

/**
 * Decides the turn's final answer once. Secrets are redacted first and the redacted text is
 * what `finalCheck` sees, so an answer that is valid only with a secret in it is rejected
 * (and repaired, or exit 3) like any other invalid answer. A schema run shows its final
 * answer only now, after the check; a rejected one gets a repair request while repairs last.
 */
function decideAnswer(
  input: TurnInput,
  message: string | undefined,
  lastMessage: string | undefined,
  repairsDone: number,
): AnswerDecision {
  const redact = input.redact ?? ((t: string): string => t);
  if (input.finalCheck === undefined)
    return { type: 'kept', text: lastMessage === undefined ? undefined : redact(lastMessage) };
  const text = redact(message ?? '');
  const verdict = input.finalCheck(text);
  if (message !== undefined) input.sink.completeNew({ type: 'agent_message', text });
  if (verdict.ok) return { type: 'kept', text: verdict.normalizedText };
  const errors = verdict.errors.map((e) => ({ path: e.path, message: e.message }));
  const listed = errors.map((e) => `${e.path || '(root)'} ${e.message}`).join('; ');
  if (repairsDone < input.maxRepairs) {
    input.sink.completeNew({
      type: 'error',
      message: `final answer does not match --output-schema (repair ${repairsDone + 1}/${input.maxRepairs}): ${listed}`,
    });
    appendHistory(input, [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: repairPrompt(errors) }] },
    ]);
    return { type: 'repair' };
  }
  const error = new HexecError(
    'output-schema',
    `final answer does not match --output-schema after ${repairsDone} repair attempt(s): ${listed}`,
  );
  return { type: 'rejected', error, errors };
}

function appendHistory(input: TurnInput, items: readonly ResponseItem[]): void {
  if (items.length === 0) return;
  input.history.push(...items);
  input.onAppend?.(items);
}

/** Item ids of processes that outlived their exec_command call, by session id. */
type RunningItems = Map<number, string>;

interface TodoState {
  id?: string;
  items: Array<{ text: string; completed: boolean }>;
}

function commandItem(id: string, ev: Extract<ToolEventData, { type: 'command_execution' }>): ThreadItem {
  return {
    id,
    type: 'command_execution',
    command: ev.command,
    aggregated_output: ev.aggregatedOutput,
    exit_code: ev.exitCode,
    status: ev.status,
  };
}

/**
 * Runs one tool call and emits its items like codex: a command or patch gets
 * item.started and item.completed once its result is known (a sandbox-denied command
 * gets none); a process still running gets item.started now and item.completed when a
 * later poll sees it end; update_plan drives one todo_list item for the turn.
 */
async function runToolCall(input: TurnInput, call: ToolCall, running: RunningItems, todo: TodoState): Promise<void> {
  const { sink } = input;
  const t0 = input.clockMs();
  const result = await input.tools.run(call, input.signal);
  const durationMs = Math.round(input.clockMs() - t0);
  appendHistory(input, [result.outputItem]);
  const ev = result.event;
  switch (ev.type) {
    case 'command_execution': {
      if (ev.sandboxDenied) return;
      const known = ev.sessionId !== undefined ? running.get(ev.sessionId) : undefined;
      const id = known ?? sink.nextItemId();
      if (known === undefined)
        sink.emit({
          type: 'item.started',
          item: { ...commandItem(id, ev), aggregated_output: '', exit_code: null, status: 'in_progress' } as ThreadItem,
        });
      if (ev.status === 'in_progress') {
        if (ev.sessionId !== undefined) running.set(ev.sessionId, id);
        return;
      }
      if (ev.sessionId !== undefined) running.delete(ev.sessionId);
      sink.emit({ type: 'item.completed', item: commandItem(id, ev) }, { durationMs });
      return;
    }
    case 'file_change': {
      const id = sink.nextItemId();
      const changes = ev.changes.map((c) => ({ path: c.path, kind: c.kind }));
      sink.emit({ type: 'item.started', item: { id, type: 'file_change', changes, status: 'in_progress' } });
      sink.emit({ type: 'item.completed', item: { id, type: 'file_change', changes, status: ev.status } });
      return;
    }
    case 'todo_list': {
      todo.items = ev.items.map((i) => ({ text: i.text, completed: i.completed }));
      if (todo.id === undefined) {
        todo.id = sink.nextItemId();
        sink.emit({ type: 'item.started', item: { id: todo.id, type: 'todo_list', items: todo.items } });
      } else {
        sink.emit({ type: 'item.updated', item: { id: todo.id, type: 'todo_list', items: todo.items } });
      }
      return;
    }
    case 'none':
      return;
  }
}

/** End of turn: finish running processes and the plan item. */
async function closeTurnItems(input: TurnInput, running: RunningItems, todo: TodoState): Promise<void> {
  const leftovers = await input.tools.finish();
  for (const ev of leftovers) {
    const id = ev.sessionId !== undefined ? running.get(ev.sessionId) : undefined;
    if (id !== undefined) input.sink.emit({ type: 'item.completed', item: commandItem(id, ev) });
  }
  running.clear();
  if (todo.id !== undefined)
    input.sink.emit({ type: 'item.completed', item: { id: todo.id, type: 'todo_list', items: todo.items } });
}
