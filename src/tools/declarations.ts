/**
 * The tool declarations the model sees, byte-for-byte as codex exec 0.169 sends them for
 * gpt-5.5 (test/fixtures/codex/01-tool-call-json/request-1.json), plus update_plan in
 * the same style. Key order matters: the JSON is compared byte for byte.
 */

export interface FunctionToolDeclaration {
  readonly type: 'function';
  readonly name: string;
  readonly description: string;
  readonly strict: false;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface CustomToolDeclaration {
  readonly type: 'custom';
  readonly name: string;
  readonly description: string;
  readonly format: { readonly type: 'grammar'; readonly syntax: 'lark'; readonly definition: string };
}

export type ToolDeclaration = FunctionToolDeclaration | CustomToolDeclaration;

const OUTPUT_TOKENS = {
  type: 'number',
  description: 'Output token budget. Defaults to 10000 tokens; larger requests may be capped by policy.',
};

export const EXEC_COMMAND_TOOL: FunctionToolDeclaration = {
  type: 'function',
  name: 'exec_command',
  description: 'Runs a command in a PTY, returning output or a session ID for ongoing interaction.',
  strict: false,
  parameters: {
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
  },
};

export const WRITE_STDIN_TOOL: FunctionToolDeclaration = {
  type: 'function',
  name: 'write_stdin',
  description: 'Writes characters to an existing unified exec session and returns recent output.',
  strict: false,
  parameters: {
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
  },
};

export const APPLY_PATCH_GRAMMAR = [
  'start: begin_patch hunk+ end_patch',
  'begin_patch: "*** Begin Patch" LF',
  'end_patch: "*** End Patch" LF?',
  '',
  'hunk: add_hunk | delete_hunk | update_hunk',
  'add_hunk: "*** Add File: " filename LF add_line+',
  'delete_hunk: "*** Delete File: " filename LF',
  'update_hunk: "*** Update File: " filename LF change_move? change?',
  '',
  'filename: /(.+)/',
  'add_line: "+" /(.*)/ LF -> line',
  '',
  'change_move: "*** Move to: " filename LF',
  'change: (change_context | change_line)+ eof_line?',
  'change_context: ("@@" | "@@ " /(.+)/) LF',
  'change_line: ("+" | "-" | " ") /(.*)/ LF',
  'eof_line: "*** End of File" LF',
  '',
  '%import common.LF',
  '',
].join('\n');

export const APPLY_PATCH_TOOL: CustomToolDeclaration = {
  type: 'custom',
  name: 'apply_patch',
  description:
    'The `apply_patch` tool can be used to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.',
  format: { type: 'grammar', syntax: 'lark', definition: APPLY_PATCH_GRAMMAR },
};

export const VIEW_IMAGE_TOOL: FunctionToolDeclaration = {
  type: 'function',
  name: 'view_image',
  description:
    'View a local image file from the filesystem when visual inspection is needed. Use this for images already available on disk.',
  strict: false,
  parameters: {
    type: 'object',
    properties: { path: { type: 'string', description: 'Local filesystem path to an image file.' } },
    required: ['path'],
    additionalProperties: false,
  },
};

/** Not sent by codex 0.169 for gpt-5.5; offered when the caller enables the plan tool. */
export const UPDATE_PLAN_TOOL: FunctionToolDeclaration = {
  type: 'function',
  name: 'update_plan',
  description:
    'Updates the task plan.\nProvide an optional explanation and a list of plan items, each with a step and status.\nAt most one step can be in_progress at a time.\n',
  strict: false,
  parameters: {
    type: 'object',
    properties: {
      explanation: { type: 'string' },
      plan: {
        type: 'array',
        description: 'The list of steps',
        items: {
          type: 'object',
          properties: {
            status: { type: 'string', description: 'One of: pending, in_progress, completed' },
            step: { type: 'string' },
          },
          required: ['step', 'status'],
          additionalProperties: false,
        },
      },
    },
    required: ['plan'],
    additionalProperties: false,
  },
};

export interface DeclarationOptions {
  /** Add update_plan after the codex tools. Default false (codex 0.169 sends none). */
  readonly planTool?: boolean;
}

/** The declarations in codex's order: exec_command, write_stdin, apply_patch, view_image. */
export function toolDeclarations(opts: DeclarationOptions = {}): ToolDeclaration[] {
  const tools: ToolDeclaration[] = [EXEC_COMMAND_TOOL, WRITE_STDIN_TOOL, APPLY_PATCH_TOOL, VIEW_IMAGE_TOOL];
  if (opts.planTool === true) tools.push(UPDATE_PLAN_TOOL);
  return tools;
}
