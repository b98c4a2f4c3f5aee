import type { Clock } from '../env/index.js';
import type { FileChange, FileOps, WriteCheck } from './apply-patch/index.js';
import type { ObjectSchema } from './define-tool.js';
import type { CommandExecutionData, ExecSessions } from './exec-command/index.js';
import type { TodoItem } from './update-plan.js';
import type { OutputContentItem } from './view-image.js';

/** A tool declaration as the model sees it (JSON key order matters: requests are compared byte for byte). */
export interface FunctionToolDeclaration {
  readonly type: 'function';
  readonly name: string;
  readonly description: string;
  readonly strict: false;
  readonly parameters: ObjectSchema;
}

export interface CustomToolDeclaration {
  readonly type: 'custom';
  readonly name: string;
  readonly description: string;
  readonly format: { readonly type: 'grammar'; readonly syntax: 'lark'; readonly definition: string };
}

export type ToolDeclaration = FunctionToolDeclaration | CustomToolDeclaration;

export interface DeclarationOptions {
  /** Offer update_plan after the codex tools. Default false (codex 0.169 sends none). */
  readonly planTool?: boolean;
}

/** One tool call of the model. */
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

export const NO_EVENT: ToolEvent = { kind: 'none' };

/** An outcome that is only text for the model. */
export function textOutcome(output: string): ToolOutcome {
  return { output, event: NO_EVENT };
}
