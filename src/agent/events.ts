/**
 * The public `--json` event stream: codex exec 0.169's ThreadEvent, field for field.
 * hexec adds fields (never renames): `thread.started.hexec`, `turn.failed.reason`,
 * `turn.completed.usage.cost_usd`, `model.usage` events. schemas/events.schema.json is
 * generated from these declarations by scripts/gen-event-schema.mjs; keep them to
 * interfaces, literal unions, arrays and primitives so the generator can read them.
 */

export interface Usage {
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  /** hexec: priced cost of the thread so far, when the model has a price. */
  cost_usd?: number;
}

export interface InstructionFileInfo {
  path: string;
  bytes: number;
  truncated: boolean;
  sha256: string;
}

export interface LayerInfo {
  /** system | user | profile | project | session-flags | managed | requirements | ... */
  layer: string;
  file?: string;
}

export interface HexecRunInfo {
  version: string;
  config_fingerprint: string;
  hermetic: boolean;
  /** Configuration layers that were applied, weakest first. */
  layers: LayerInfo[];
  /** Administrator policy that still applies to a hermetic run (system, managed, requirements, system rules). */
  admin_policy: LayerInfo[];
  instruction_files: InstructionFileInfo[];
  rules_files: string[];
  /** sha256 of the base instructions text sent to the model. */
  base_instructions_sha256: string;
  sandbox: string;
  model: string;
  model_provider: string;
  wire_api: string;
  /**
   * hexec runs no hooks, MCP servers, skills or notify programs. These are the keys of the
   * applied configuration that configure one (sorted), listed so the run shows what it ignored.
   */
  extensions_not_run: string[];
  replay?: string;
  record?: string;
}

export interface ThreadStartedEvent {
  type: 'thread.started';
  thread_id: string;
  /** hexec: what this run depends on. */
  hexec?: HexecRunInfo;
}

export interface TurnStartedEvent {
  type: 'turn.started';
}

export interface TurnCompletedEvent {
  type: 'turn.completed';
  usage: Usage;
}

export interface TurnError {
  message: string;
}

export interface BudgetInfo {
  /** max_turns | max_tokens | max_cost_usd | timeout */
  name: string;
  limit: number;
  used: number;
}

export interface SchemaViolation {
  /** JSON Pointer into the final message. */
  path: string;
  message: string;
}

export interface TurnFailedEvent {
  type: 'turn.failed';
  error: TurnError;
  /** hexec: why the turn failed, when it is one of hexec's own checks. */
  reason?: 'budget' | 'output_schema' | 'replay' | 'model' | 'auth' | 'sandbox';
  budget?: BudgetInfo;
  schema_errors?: SchemaViolation[];
}

export interface ErrorEvent {
  type: 'error';
  message: string;
}

/** hexec: usage of one model request, as soon as it completes. */
export interface ModelUsageEvent {
  type: 'model.usage';
  request: number;
  usage: Usage;
}

export interface AgentMessageItem {
  id: string;
  type: 'agent_message';
  text: string;
}

export interface ReasoningItem {
  id: string;
  type: 'reasoning';
  text: string;
}

export interface CommandExecutionItem {
  id: string;
  type: 'command_execution';
  command: string;
  aggregated_output: string;
  exit_code: number | null;
  status: 'in_progress' | 'completed' | 'failed' | 'declined';
}

export interface FileUpdateChange {
  path: string;
  kind: 'add' | 'delete' | 'update';
}

export interface FileChangeItem {
  id: string;
  type: 'file_change';
  changes: FileUpdateChange[];
  status: 'in_progress' | 'completed' | 'failed';
}

export interface TodoEntry {
  text: string;
  completed: boolean;
}

export interface TodoListItem {
  id: string;
  type: 'todo_list';
  items: TodoEntry[];
}

export interface ErrorItem {
  id: string;
  type: 'error';
  message: string;
}

export type ThreadItem =
  AgentMessageItem | ReasoningItem | CommandExecutionItem | FileChangeItem | TodoListItem | ErrorItem;

export interface ItemStartedEvent {
  type: 'item.started';
  item: ThreadItem;
}

export interface ItemUpdatedEvent {
  type: 'item.updated';
  item: ThreadItem;
}

export interface ItemCompletedEvent {
  type: 'item.completed';
  item: ThreadItem;
}

export type ThreadEvent =
  | ThreadStartedEvent
  | TurnStartedEvent
  | TurnCompletedEvent
  | TurnFailedEvent
  | ItemStartedEvent
  | ItemUpdatedEvent
  | ItemCompletedEvent
  | ErrorEvent
  | ModelUsageEvent;

export type ThreadEventType = ThreadEvent['type'];

export function zeroUsage(): Usage {
  return {
    input_tokens: 0,
    cached_input_tokens: 0,
    cache_write_input_tokens: 0,
    output_tokens: 0,
    reasoning_output_tokens: 0,
  };
}
