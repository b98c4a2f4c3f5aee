/**
 * What the loop needs from the world, as narrow interfaces. app/ adapts the provider
 * clients and the tool registry to these, so the loop is testable with plain objects.
 */

/** A Responses-API item as sent and received (kept as JSON so it can be resent verbatim). */
export type ResponseItem = Record<string, unknown> & { type: string };

export interface ModelUsage {
  input_tokens: number;
  cached_input_tokens: number;
  cache_write_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
}

/** What the loop consumes from one streamed model response. */
export type ModelStreamEvent =
  | { readonly type: 'output_item_done'; readonly item: ResponseItem }
  | { readonly type: 'text_delta'; readonly delta: string }
  | { readonly type: 'completed'; readonly usage: ModelUsage; readonly responseId?: string };

export interface ModelPort {
  stream(
    request: Record<string, unknown>,
    options: { readonly signal: AbortSignal; readonly onRetry: (message: string) => void },
  ): AsyncIterable<ModelStreamEvent>;
}

export interface ToolCall {
  readonly kind: 'function_call' | 'custom_tool_call';
  readonly name: string;
  readonly callId: string;
  /** JSON arguments (function) or freeform input (custom). */
  readonly input: string;
}

/** What a tool reports for the event stream. */
export type ToolEventData =
  | {
      readonly type: 'command_execution';
      readonly command: string;
      readonly aggregatedOutput: string;
      readonly exitCode: number | null;
      readonly status: 'in_progress' | 'completed' | 'failed';
      /** codex emits no item for a command the sandbox denied (fixture 12b). */
      readonly sandboxDenied: boolean;
      /** Set while a process outlives the call; later polls report on the same item. */
      readonly sessionId?: number;
    }
  | {
      readonly type: 'file_change';
      readonly changes: ReadonlyArray<{ readonly path: string; readonly kind: 'add' | 'delete' | 'update' }>;
      readonly status: 'completed' | 'failed';
    }
  | {
      readonly type: 'todo_list';
      readonly items: ReadonlyArray<{ readonly text: string; readonly completed: boolean }>;
    }
  | { readonly type: 'none' };

export interface ToolResult {
  /** The item sent back to the model (function_call_output / custom_tool_call_output). */
  readonly outputItem: ResponseItem;
  readonly event: ToolEventData;
}

export interface ToolPort {
  run(call: ToolCall, signal: AbortSignal): Promise<ToolResult>;
  /** Ends processes still running at the end of the turn; their final data. */
  finish(): Promise<ReadonlyArray<Extract<ToolEventData, { type: 'command_execution' }>>>;
}

/**
 * Checks the final message against --output-schema; undefined = no schema. On success,
 * `normalizedText` is the answer as it is kept (e.g. code fence and injected nulls removed).
 */
export type FinalOutputCheck = (
  text: string,
) =>
  | { readonly ok: true; readonly normalizedText: string }
  | { readonly ok: false; readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }> };
