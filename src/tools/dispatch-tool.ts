import type { Clock } from '../env/index.js';
import { applyPatch, type FileChange, type FileOps, type WriteCheck } from './apply-patch/index.js';
import type { CommandExecutionData, ExecSessions } from './exec-command/index.js';
import { updatePlan, type TodoItem } from './update-plan.js';
import { viewImage, type OutputContentItem } from './view-image.js';

/**
 * Runs one tool call of the model and returns what goes back to it plus the data for
 * the `--json` event. Never throws: unknown tools, bad arguments and unexpected errors
 * all become text for the model.
 */
export type ToolCall =
  | { readonly type: 'function_call'; readonly name: string; readonly arguments: string; readonly call_id: string }
  | { readonly type: 'custom_tool_call'; readonly name: string; readonly input: string; readonly call_id: string };

export type ToolEvent =
  | ({ readonly kind: 'command_execution' } & CommandExecutionData)
  | { readonly kind: 'file_change'; readonly changes: readonly FileChange[]; readonly status: 'completed' | 'failed' }
  | { readonly kind: 'todo_list'; readonly items: readonly TodoItem[] }
  | { readonly kind: 'none' };

export interface ToolOutcome {
  /**
   * The `output` of the function_call_output / custom_tool_call_output item (same
   * call_id; the item type follows the call's type). Content items for view_image.
   */
  readonly output: string | readonly OutputContentItem[];
  readonly event: ToolEvent;
}

export interface ToolContext {
  /** The turn's working directory (absolute). */
  readonly cwd: string;
  /** Environment for child processes (after shell_environment_policy). */
  readonly env: Readonly<Record<string, string>>;
  /** The run's exec sessions (they hold the launcher and outlive one call). */
  readonly execSessions: ExecSessions;
  /** The sandbox's write verdict for apply_patch. */
  readonly canWrite: WriteCheck;
  /** Where apply_patch writes (inside the sandbox for sandboxed runs); default local. */
  readonly fileOps?: FileOps;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  /** Offer update_plan? Calls to it are refused as unknown otherwise. Default false. */
  readonly planTool?: boolean;
  /**
   * `sandbox_permissions: "require_escalated"`: 'reject' (default; approvals are `never`
   * in exec) answers ESCALATION_REJECTED; 'ignore' runs the command as usual (use it
   * under danger-full-access, where there is nothing to escalate to).
   */
  readonly escalation?: 'reject' | 'ignore';
}

const NONE: ToolEvent = { kind: 'none' };

/** codex's answer to `require_escalated` when approvals are `never` (always, in exec). */
export const ESCALATION_REJECTED =
  'approval policy is Never; reject command — you should not ask for escalated permissions if the approval policy is Never';

function text(output: string): ToolOutcome {
  return { output, event: NONE };
}

function parseArgs(raw: string): { ok: true; value: Record<string, unknown> } | { ok: false; text: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw === '' ? '{}' : raw);
  } catch (e) {
    return { ok: false, text: `failed to parse function arguments: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, text: 'failed to parse function arguments: expected a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function withCommand(r: { text: string; event?: CommandExecutionData }): ToolOutcome {
  return { output: r.text, event: r.event === undefined ? NONE : { kind: 'command_execution', ...r.event } };
}

async function runExecCommand(a: Record<string, unknown>, ctx: ToolContext, callId: string): Promise<ToolOutcome> {
  const cmd = str(a['cmd']);
  if (cmd === undefined) return text('failed to parse function arguments: missing field `cmd`');
  if (a['sandbox_permissions'] === 'require_escalated' && ctx.escalation !== 'ignore') return text(ESCALATION_REJECTED);
  const opt = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> =>
    (v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;
  const r = await ctx.execSessions.execCommand(
    {
      cmd,
      ...opt('workdir', str(a['workdir'])),
      ...opt('shell', str(a['shell'])),
      ...opt('login', bool(a['login'])),
      ...opt('tty', bool(a['tty'])),
      ...opt('yield_time_ms', num(a['yield_time_ms'])),
      ...opt('max_output_tokens', num(a['max_output_tokens'])),
    },
    // codex tells each command which tool call started it.
    {
      cwd: ctx.cwd,
      env: { ...ctx.env, CODEX_TOOL_CALL_ID: callId },
      ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
    },
  );
  return withCommand(r);
}

async function runWriteStdin(a: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutcome> {
  const id = num(a['session_id']);
  if (id === undefined) return text('failed to parse function arguments: missing field `session_id`');
  const chars = str(a['chars']);
  const y = num(a['yield_time_ms']);
  const m = num(a['max_output_tokens']);
  const r = await ctx.execSessions.writeStdin(
    {
      session_id: id,
      ...(chars !== undefined ? { chars } : {}),
      ...(y !== undefined ? { yield_time_ms: y } : {}),
      ...(m !== undefined ? { max_output_tokens: m } : {}),
    },
    ctx.signal !== undefined ? { signal: ctx.signal } : {},
  );
  return withCommand(r);
}

async function runApplyPatch(input: string, ctx: ToolContext): Promise<ToolOutcome> {
  const r = await applyPatch(input, {
    cwd: ctx.cwd,
    canWrite: ctx.canWrite,
    ...(ctx.clock !== undefined ? { clock: ctx.clock } : {}),
    ...(ctx.fileOps !== undefined ? { fileOps: ctx.fileOps } : {}),
  });
  if (r.status === 'rejected') return text(r.output);
  return { output: r.output, event: { kind: 'file_change', changes: r.changes, status: r.status } };
}

async function dispatchUnsafe(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  if (call.name === 'apply_patch') {
    if (call.type === 'custom_tool_call') return runApplyPatch(call.input, ctx);
    const a = parseArgs(call.arguments);
    if (!a.ok) return text(a.text);
    const input = str(a.value['input']);
    if (input === undefined) return text('failed to parse function arguments: missing field `input`');
    return runApplyPatch(input, ctx);
  }
  if (call.type !== 'function_call') return text(`unsupported custom tool call: ${call.name}`);
  const known = ['exec_command', 'write_stdin', 'view_image', ...(ctx.planTool === true ? ['update_plan'] : [])];
  if (!known.includes(call.name)) return text(`unsupported call: ${call.name}`);
  const a = parseArgs(call.arguments);
  if (!a.ok) return text(a.text);
  switch (call.name) {
    case 'exec_command':
      return runExecCommand(a.value, ctx, call.call_id);
    case 'write_stdin':
      return runWriteStdin(a.value, ctx);
    case 'view_image': {
      const r = await viewImage(a.value['path'], ctx.cwd, ctx.fileOps);
      return r.ok ? { output: r.items, event: NONE } : text(r.text);
    }
    default: {
      const r = updatePlan(a.value);
      return r.ok ? { output: r.text, event: { kind: 'todo_list', items: r.items } } : text(r.text);
    }
  }
}

export async function dispatchTool(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  try {
    return await dispatchUnsafe(call, ctx);
  } catch (e) {
    return text(`${call.name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
