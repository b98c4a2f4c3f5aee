/**
 * The shapes the agent loop and the model adapters share. Requests are Responses-API
 * shaped (what codex sends); the Chat Completions adapter converts them. Field names stay
 * snake_case because these objects go on the wire and into history unchanged.
 */

export type WireApi = 'responses' | 'chat';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

// ---------------------------------------------------------------- content and items

export interface InputTextContent {
  readonly type: 'input_text';
  readonly text: string;
}
export interface InputImageContent {
  readonly type: 'input_image';
  /** A data: URL or an https URL. */
  readonly image_url: string;
  readonly detail?: 'auto' | 'low' | 'high';
}
export interface OutputTextContent {
  readonly type: 'output_text';
  readonly text: string;
  readonly annotations?: readonly JsonValue[];
}
export type MessageContent = InputTextContent | InputImageContent | OutputTextContent;

export interface MessageItem {
  readonly type: 'message';
  readonly id?: string;
  readonly role: 'developer' | 'system' | 'user' | 'assistant';
  readonly content: readonly MessageContent[];
  readonly status?: 'in_progress' | 'completed' | 'incomplete';
}

export interface FunctionCallItem {
  readonly type: 'function_call';
  readonly id?: string;
  readonly call_id: string;
  readonly name: string;
  /** The JSON arguments exactly as the model produced them. */
  readonly arguments: string;
  readonly status?: 'in_progress' | 'completed' | 'incomplete';
}

export interface FunctionCallOutputItem {
  readonly type: 'function_call_output';
  readonly id?: string;
  readonly call_id: string;
  readonly output: string;
}

export interface CustomToolCallItem {
  readonly type: 'custom_tool_call';
  readonly id?: string;
  readonly call_id: string;
  readonly name: string;
  /** Freeform input (for apply_patch: the patch text). */
  readonly input: string;
  readonly status?: 'in_progress' | 'completed' | 'incomplete';
}

export interface CustomToolCallOutputItem {
  readonly type: 'custom_tool_call_output';
  readonly id?: string;
  readonly call_id: string;
  readonly output: string;
}

export interface ReasoningSummaryPart {
  readonly type: 'summary_text';
  readonly text: string;
}

export interface ReasoningItem {
  readonly type: 'reasoning';
  readonly id?: string;
  readonly summary: readonly ReasoningSummaryPart[];
  readonly content?: readonly JsonValue[];
  /** Opaque; resent as-is so the model keeps its reasoning across requests. */
  readonly encrypted_content?: string | null;
}

/** Input items codex sends that hexec passes through untouched (e.g. gpt-6.1-sol tools). */
export interface AdditionalToolsItem {
  readonly type: 'additional_tools';
  readonly [key: string]: unknown;
}

/** What the model can produce; each may be resent verbatim as history. */
export type OutputItem = MessageItem | FunctionCallItem | CustomToolCallItem | ReasoningItem;

/** Everything that may appear in `input`. */
export type InputItem = OutputItem | FunctionCallOutputItem | CustomToolCallOutputItem | AdditionalToolsItem;

// ---------------------------------------------------------------- tools

export interface FunctionToolSpec {
  readonly type: 'function';
  readonly name: string;
  readonly description?: string;
  readonly strict?: boolean;
  readonly parameters: JsonValue;
}

export interface CustomToolSpec {
  readonly type: 'custom';
  readonly name: string;
  readonly description?: string;
  readonly format?: JsonValue;
}

/** Hosted or codex-specific tools that only the Responses wire understands. */
export interface OtherToolSpec {
  readonly type: 'web_search' | 'tool_search' | 'local_shell' | 'namespace' | 'image_generation';
  readonly [key: string]: unknown;
}

export type ToolSpec = FunctionToolSpec | CustomToolSpec | OtherToolSpec;

// ---------------------------------------------------------------- request

export interface JsonSchemaTextFormat {
  readonly type: 'json_schema';
  readonly name: string;
  readonly schema: JsonValue;
  readonly strict?: boolean;
  readonly description?: string;
}

export interface ResponsesRequestBody {
  readonly model: string;
  readonly input: readonly InputItem[];
  readonly instructions?: string;
  readonly tools?: readonly ToolSpec[];
  readonly tool_choice?: 'auto' | 'none' | 'required';
  readonly parallel_tool_calls?: boolean;
  readonly reasoning?: {
    readonly effort?: string;
    readonly summary?: string;
    readonly context?: string;
  };
  readonly store?: boolean;
  readonly stream?: boolean;
  readonly include?: readonly string[];
  readonly prompt_cache_key?: string;
  readonly text?: {
    readonly verbosity?: 'low' | 'medium' | 'high';
    readonly format?: JsonSchemaTextFormat;
  };
  readonly client_metadata?: Readonly<Record<string, string>>;
}

export interface ModelRequest {
  readonly body: ResponsesRequestBody;
  /**
   * Headers the caller wants on the request (originator, user-agent, session-id,
   * thread-id, x-client-request-id, x-codex-turn-metadata, …). Lower-case names.
   * Authorization and provider headers are added by the adapter.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------- events

/** Token counts of one response, in codex's `turn.completed.usage` vocabulary. */
export interface TokenUsage {
  readonly input_tokens: number;
  readonly cached_input_tokens: number;
  readonly cache_write_input_tokens: number;
  readonly output_tokens: number;
  readonly reasoning_output_tokens: number;
  readonly total_tokens: number;
}

/**
 * One streamed happening. After a stream retry (announced through `onRetry`) the reply
 * starts again from `created`: the consumer drops whatever it built since the last
 * `created` that did not reach `completed`.
 */
export type ModelEvent =
  | { readonly type: 'created'; readonly response_id: string | null }
  | {
      readonly type: 'output_item_added';
      readonly output_index: number;
      readonly item: OutputItem;
    }
  | {
      readonly type: 'output_text_delta';
      readonly item_id: string | null;
      readonly output_index: number;
      readonly delta: string;
    }
  | {
      readonly type: 'reasoning_summary_part_added';
      readonly item_id: string | null;
      readonly output_index: number;
      readonly summary_index: number;
    }
  | {
      readonly type: 'reasoning_summary_delta';
      readonly item_id: string | null;
      readonly output_index: number;
      readonly summary_index: number;
      readonly delta: string;
    }
  | {
      readonly type: 'tool_input_delta';
      readonly item_id: string | null;
      readonly output_index: number;
      readonly delta: string;
    }
  | {
      readonly type: 'output_item_done';
      readonly output_index: number;
      readonly item: OutputItem;
    }
  | {
      readonly type: 'completed';
      readonly response_id: string | null;
      readonly usage: TokenUsage;
    };

export type ModelEventType = ModelEvent['type'];

/** Announced before each stream retry; `text` is codex's `error` event message. */
export interface RetryNotice {
  /** 1-based retry number. */
  readonly attempt: number;
  readonly max: number;
  /** Why the previous attempt failed, e.g. "stream disconnected before completion: …". */
  readonly message: string;
  /** `Reconnecting... 1/5 (<message>)`. */
  readonly text: string;
  readonly delayMs: number;
}

export interface StreamOptions {
  readonly signal: AbortSignal;
  readonly onRetry?: (notice: RetryNotice) => void;
}

export interface ModelClient {
  readonly wire: WireApi;
  /** Provider id (`model_provider`), for cassettes and diagnostics. */
  readonly providerId: string;
  /**
   * Streams one model reply. Retries are internal; on final failure it throws a
   * HexecError of kind 'run' or 'auth' (or 'interrupted'/'terminated' on abort).
   */
  stream(req: ModelRequest, opts: StreamOptions): AsyncIterable<ModelEvent>;
}

export const ZERO_USAGE: TokenUsage = Object.freeze({
  input_tokens: 0,
  cached_input_tokens: 0,
  cache_write_input_tokens: 0,
  output_tokens: 0,
  reasoning_output_tokens: 0,
  total_tokens: 0,
});
