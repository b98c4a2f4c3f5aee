import { defineFunctionTool, type ArgsOf } from '../define-tool.js';
import { NO_EVENT, textOutcome, type ToolOutcome } from '../tool-types.js';
import type { CommandExecutionData } from './exec-sessions.js';

/**
 * exec_command and write_stdin as codex exec 0.169 declares them for gpt-5.5
 * (test/fixtures/codex/01-tool-call-json/request-1.json), byte for byte.
 */
const OUTPUT_TOKENS = {
  type: 'number',
  description: 'Output token budget. Defaults to 10000 tokens; larger requests may be capped by policy.',
} as const;

/** codex's answer to `require_escalated` when approvals are `never` (always, in exec). */
export const ESCALATION_REJECTED =
  'approval policy is Never; reject command — you should not ask for escalated permissions if the approval policy is Never';

const EXEC_COMMAND_PARAMETERS = {
  type: 'object',
  properties: {
    cmd: { type: 'string', description: 'Shell command to execute.' },
    justification: {
      type: 'string',
      description: 'User-facing approval question for `require_escalated`; omit otherwise.',
    },
    login: {
      type: 'boolean',
      description: 'True runs the shell with -l/-i semantics; false disables them. Defaults to true.',
    },
    max_output_tokens: OUTPUT_TOKENS,
    prefix_rule: {
      type: 'array',
      description:
        'Reusable approval prefix for `cmd`, only with `sandbox_permissions: "require_escalated"`; for example ["git", "pull"].',
      items: { type: 'string' },
    },
    sandbox_permissions: {
      type: 'string',
      description:
        'Per-command sandbox override. Defaults to `use_default`; use `require_escalated` for unsandboxed execution.',
      enum: ['use_default', 'require_escalated'],
    },
    shell: { type: 'string', description: "Shell binary to launch. Defaults to the user's default shell." },
    tty: {
      type: 'boolean',
      description: 'True allocates a PTY for the command; false or omitted uses plain pipes.',
    },
    workdir: { type: 'string', description: 'Working directory for the command. Defaults to the turn cwd.' },
    yield_time_ms: {
      type: 'number',
      description: 'Wait before yielding output. Defaults to 10000 ms; effective range is 250-30000 ms.',
    },
  },
  required: ['cmd'],
  additionalProperties: false,
} as const;

const WRITE_STDIN_PARAMETERS = {
  type: 'object',
  properties: {
    chars: {
      type: 'string',
      description: 'Bytes to write to stdin. Defaults to empty, which polls without writing.',
    },
    max_output_tokens: OUTPUT_TOKENS,
    session_id: { type: 'number', description: 'Identifier of the running unified exec session.' },
    yield_time_ms: {
      type: 'number',
      description:
        'Wait before yielding output. Non-empty writes default to 250 ms and cap at 30000 ms; empty polls wait 5000-300000 ms by default.',
    },
  },
  required: ['session_id'],
  additionalProperties: false,
} as const;

/** What the exec sessions run: exec_command's arguments without the approval-only ones. */
export type ExecCommandArgs = Omit<
  ArgsOf<typeof EXEC_COMMAND_PARAMETERS>,
  'justification' | 'prefix_rule' | 'sandbox_permissions'
>;
export type WriteStdinArgs = ArgsOf<typeof WRITE_STDIN_PARAMETERS>;

function withCommand(r: { text: string; event?: CommandExecutionData }): ToolOutcome {
  return { output: r.text, event: r.event === undefined ? NO_EVENT : { kind: 'command_execution', ...r.event } };
}

export const EXEC_COMMAND = defineFunctionTool({
  name: 'exec_command',
  description: 'Runs a command in a PTY, returning output or a session ID for ongoing interaction.',
  parameters: EXEC_COMMAND_PARAMETERS,
  run: async (args, ctx, call) => {
    if (args.sandbox_permissions === 'require_escalated' && ctx.escalation !== 'ignore')
      return textOutcome(ESCALATION_REJECTED);
    // codex tells each command which tool call started it.
    const r = await ctx.execSessions.execCommand(args, {
      cwd: ctx.cwd,
      env: { ...ctx.env, CODEX_TOOL_CALL_ID: call.call_id },
      ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
    });
    return withCommand(r);
  },
});

export const WRITE_STDIN = defineFunctionTool({
  name: 'write_stdin',
  description: 'Writes characters to an existing unified exec session and returns recent output.',
  parameters: WRITE_STDIN_PARAMETERS,
  run: async (args, ctx) =>
    withCommand(await ctx.execSessions.writeStdin(args, ctx.signal !== undefined ? { signal: ctx.signal } : {})),
});
