import type { ResponseItem } from './ports.js';

/**
 * How a model family wants its requests shaped, as codex 0.169 sends them. Unknown
 * slugs get codex's fallback (reasoning summary auto, no verbosity) and a warning.
 */
export interface ModelInfo {
  readonly known: boolean;
  /** Tools as a top-level `tools` array, or inside an `additional_tools` input item. */
  readonly toolsPlacement: 'top-level' | 'additional-tools';
  readonly parallelToolCalls: boolean;
  readonly defaultEffort?: string;
  readonly reasoningContext?: string;
  readonly verbosity?: string;
  readonly reasoning: boolean;
}

export const DEFAULT_MODEL = 'gpt-6.1-sol';

export function modelInfo(slug: string): ModelInfo {
  if (slug === 'gpt-6.1-sol' || slug.startsWith('gpt-6')) {
    return {
      known: true,
      toolsPlacement: 'additional-tools',
      parallelToolCalls: false,
      defaultEffort: 'low',
      reasoningContext: 'all_turns',
      verbosity: 'low',
      reasoning: true,
    };
  }
  if (/^gpt-5/.test(slug))
    return {
      known: true,
      toolsPlacement: 'top-level',
      parallelToolCalls: true,
      defaultEffort: 'medium',
      verbosity: 'low',
      reasoning: true,
    };
  if (/^(o1|o3|o4)/.test(slug) || /^codex-/.test(slug))
    return {
      known: true,
      toolsPlacement: 'top-level',
      parallelToolCalls: true,
      defaultEffort: 'medium',
      reasoning: true,
    };
  if (/^gpt-4/.test(slug))
    return { known: true, toolsPlacement: 'top-level', parallelToolCalls: true, reasoning: false };
  return { known: false, toolsPlacement: 'top-level', parallelToolCalls: true, reasoning: true };
}

export function unknownModelWarning(slug: string): string {
  return `Model metadata for \`${slug}\` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.`;
}

export interface TemplateInput {
  readonly model: string;
  readonly tools: readonly Record<string, unknown>[];
  readonly reasoningEffort?: string;
  readonly reasoningSummary?: string;
  readonly verbosity?: string;
  readonly threadId: string;
  readonly outputSchema?: { readonly schema: unknown; readonly strict: boolean };
}

export interface RequestShape {
  /** Fields of every request except `input`. */
  readonly template: Record<string, unknown>;
  /** Items to put before the context (the additional_tools item for code-mode models). */
  readonly leadingItems: ResponseItem[];
}

/** Builds the request fields in codex's key order (it shows in recorded bodies). */
export function buildRequestShape(t: TemplateInput): RequestShape {
  const info = modelInfo(t.model);
  const reasoning: Record<string, unknown> = {};
  const effort = t.reasoningEffort ?? info.defaultEffort;
  if (info.known) {
    if (effort !== undefined && effort !== 'none') reasoning['effort'] = effort;
    if (info.reasoningContext !== undefined) reasoning['context'] = info.reasoningContext;
    if (t.reasoningSummary !== undefined && t.reasoningSummary !== 'none') reasoning['summary'] = t.reasoningSummary;
  } else {
    if (t.reasoningEffort !== undefined) reasoning['effort'] = t.reasoningEffort;
    reasoning['summary'] = t.reasoningSummary ?? 'auto';
  }
  const text: Record<string, unknown> = {};
  const verbosity = t.verbosity ?? info.verbosity;
  if (info.known && verbosity !== undefined) text['verbosity'] = verbosity;
  if (t.outputSchema !== undefined) {
    text['format'] = {
      type: 'json_schema',
      strict: t.outputSchema.strict,
      schema: t.outputSchema.schema,
      name: 'codex_output_schema',
    };
  }
  const template: Record<string, unknown> = { model: t.model, stream: true };
  const leadingItems: ResponseItem[] = [];
  if (info.toolsPlacement === 'top-level') template['tools'] = t.tools;
  else
    leadingItems.push({
      type: 'additional_tools',
      role: 'developer',
      tools: [{ type: 'namespace', name: 'functions', description: '', tools: t.tools }],
    });
  template['tool_choice'] = 'auto';
  template['parallel_tool_calls'] = info.parallelToolCalls;
  if (info.reasoning && Object.keys(reasoning).length > 0) template['reasoning'] = reasoning;
  template['store'] = false;
  template['include'] = info.reasoning ? ['reasoning.encrypted_content'] : [];
  template['prompt_cache_key'] = t.threadId;
  if (Object.keys(text).length > 0) template['text'] = text;
  return { template, leadingItems };
}
