import type { InputItem, MessageContent, ResponsesRequestBody, ToolSpec } from './types.js';

/**
 * Responses-shaped request → Chat Completions request, for OpenAI-compatible local
 * servers (ollama, vLLM, llama.cpp, LM Studio). Developer/system messages become
 * `system`; function and custom tool calls become assistant `tool_calls`; their outputs
 * become `tool` messages; reasoning items are dropped (chat has no place for them).
 * Freeform (custom) tools become function tools with one string parameter `input`.
 */

export type ChatContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image_url'; readonly image_url: { readonly url: string; readonly detail?: string } };

export interface ChatToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

export type ChatMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string | readonly ChatContentPart[] }
  | { readonly role: 'assistant'; readonly content: string | null; readonly tool_calls?: readonly ChatToolCall[] }
  | { readonly role: 'tool'; readonly tool_call_id: string; readonly content: string };

export interface ChatFunctionTool {
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    readonly description?: string;
    readonly parameters: unknown;
    readonly strict?: boolean;
  };
}

export interface ChatRequestBody {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream: true;
  readonly stream_options?: { readonly include_usage: boolean };
  readonly tools?: readonly ChatFunctionTool[];
  readonly tool_choice?: string;
  readonly parallel_tool_calls?: boolean;
  readonly response_format?: {
    readonly type: 'json_schema';
    readonly json_schema: { readonly name: string; readonly schema: unknown; readonly strict?: boolean };
  };
}

export interface ChatConversion {
  readonly body: ChatRequestBody;
  /** Names of freeform tools: their calls come back as custom_tool_call items. */
  readonly customTools: ReadonlySet<string>;
}

export const CUSTOM_TOOL_INPUT_DESCRIPTION =
  'The raw freeform input for this tool (for apply_patch: the whole patch text, from "*** Begin Patch" to "*** End Patch").';

function textOf(content: readonly MessageContent[]): string {
  return content
    .map((c) => (c.type === 'input_image' ? '' : c.text))
    .filter((t) => t !== '')
    .join('\n');
}

function userContent(content: readonly MessageContent[]): string | ChatContentPart[] {
  if (!content.some((c) => c.type === 'input_image')) return textOf(content);
  return content.map((c): ChatContentPart =>
    c.type === 'input_image'
      ? {
          type: 'image_url',
          image_url: c.detail === undefined ? { url: c.image_url } : { url: c.image_url, detail: c.detail },
        }
      : { type: 'text', text: c.text },
  );
}

export function toChatMessages(input: readonly InputItem[], instructions?: string): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (instructions !== undefined && instructions !== '') out.push({ role: 'system', content: instructions });
  // An assistant turn under construction: text, then the tool calls that follow it.
  let pending: { content: string | null; calls: ChatToolCall[] } | undefined;
  const flush = (): void => {
    if (pending === undefined) return;
    out.push(
      pending.calls.length > 0
        ? { role: 'assistant', content: pending.content, tool_calls: pending.calls }
        : { role: 'assistant', content: pending.content ?? '' },
    );
    pending = undefined;
  };
  for (const item of input) {
    switch (item.type) {
      case 'message':
        if (item.role === 'assistant') {
          flush();
          pending = { content: textOf(item.content), calls: [] };
        } else {
          flush();
          if (item.role === 'user') out.push({ role: 'user', content: userContent(item.content) });
          else out.push({ role: 'system', content: textOf(item.content) });
        }
        break;
      case 'function_call':
      case 'custom_tool_call': {
        pending ??= { content: null, calls: [] };
        const args = item.type === 'function_call' ? item.arguments : JSON.stringify({ input: item.input });
        pending.calls.push({ id: item.call_id, type: 'function', function: { name: item.name, arguments: args } });
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
        flush();
        out.push({ role: 'tool', tool_call_id: item.call_id, content: item.output });
        break;
      default:
        // reasoning and additional_tools have no chat equivalent
        break;
    }
  }
  flush();
  return out;
}

export function toChatTools(tools: readonly ToolSpec[]): { tools: ChatFunctionTool[]; customTools: Set<string> } {
  const out: ChatFunctionTool[] = [];
  const customTools = new Set<string>();
  for (const t of tools) {
    if (t.type === 'function') {
      const fn: ChatFunctionTool['function'] = {
        name: t.name,
        ...(t.description === undefined ? {} : { description: t.description }),
        parameters: t.parameters,
        ...(t.strict === true ? { strict: true } : {}),
      };
      out.push({ type: 'function', function: fn });
    } else if (t.type === 'custom') {
      customTools.add(t.name);
      out.push({
        type: 'function',
        function: {
          name: t.name,
          ...(t.description === undefined ? {} : { description: t.description }),
          parameters: {
            type: 'object',
            properties: { input: { type: 'string', description: CUSTOM_TOOL_INPUT_DESCRIPTION } },
            required: ['input'],
            additionalProperties: false,
          },
        },
      });
    }
    // hosted tools (web_search, tool_search, namespaces) do not exist on the chat wire
  }
  return { tools: out, customTools };
}

export function toChatRequest(body: ResponsesRequestBody, opts: { readonly includeUsage: boolean }): ChatConversion {
  const { tools, customTools } = toChatTools(body.tools ?? []);
  const format = body.text?.format;
  const chat: ChatRequestBody = {
    model: body.model,
    messages: toChatMessages(body.input, body.instructions),
    stream: true,
    ...(opts.includeUsage ? { stream_options: { include_usage: true } } : {}),
    ...(tools.length > 0
      ? {
          tools,
          ...(body.tool_choice === undefined ? {} : { tool_choice: body.tool_choice }),
          ...(body.parallel_tool_calls === undefined ? {} : { parallel_tool_calls: body.parallel_tool_calls }),
        }
      : {}),
    ...(format?.type === 'json_schema'
      ? {
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: format.name,
              schema: format.schema,
              ...(format.strict === undefined ? {} : { strict: format.strict }),
            },
          },
        }
      : {}),
  };
  return { body: chat, customTools };
}
