import {
  textOutcome,
  type CustomToolDeclaration,
  type DeclarationOptions,
  type FunctionToolDeclaration,
  type ToolCall,
  type ToolContext,
  type ToolDeclaration,
  type ToolOutcome,
} from './tool-types.js';

/**
 * One declaration per tool: what the model sees (the JSON schema of its arguments, sent
 * byte for byte), how a call's arguments are read (derived from that schema) and the code
 * that runs it. The TypeScript type of the arguments is derived from the schema too.
 */
export type ParamSchema =
  | { readonly type: 'string'; readonly description?: string; readonly enum?: readonly string[] }
  | { readonly type: 'number'; readonly description?: string }
  | { readonly type: 'boolean'; readonly description?: string }
  | { readonly type: 'array'; readonly description?: string; readonly items: ParamSchema }
  | ObjectSchema;

export interface ObjectSchema {
  readonly type: 'object';
  readonly description?: string;
  readonly properties: Readonly<Record<string, ParamSchema>>;
  readonly required: readonly string[];
  readonly additionalProperties: false;
}

type ValueOf<P> = P extends { readonly type: 'string'; readonly enum: readonly (infer E)[] }
  ? E
  : P extends { readonly type: 'string' }
    ? string
    : P extends { readonly type: 'number' }
      ? number
      : P extends { readonly type: 'boolean' }
        ? boolean
        : P extends { readonly type: 'array'; readonly items: infer I }
          ? ReadonlyArray<ValueOf<I>>
          : P extends ObjectSchema
            ? ArgsOf<P>
            : never;

type Required<S extends ObjectSchema> = S['required'][number];

/** The arguments a schema describes: required properties present, the others optional. */
export type ArgsOf<S extends ObjectSchema> = {
  readonly [K in keyof S['properties'] as K extends Required<S> ? K : never]: ValueOf<S['properties'][K]>;
} & {
  readonly [K in keyof S['properties'] as K extends Required<S> ? never : K]?: ValueOf<S['properties'][K]>;
};

export interface ArgumentError {
  readonly ok: false;
  readonly text: string;
}

export type ParsedArgs<A> = { readonly ok: true; readonly args: A } | ArgumentError;

/** The one wording of argument errors the model gets back. */
export function argumentError(detail: string): ArgumentError {
  return { ok: false, text: `failed to parse function arguments: ${detail}` };
}

function matches(v: unknown, s: ParamSchema): boolean {
  switch (s.type) {
    case 'string':
      return typeof v === 'string' && (s.enum === undefined || s.enum.includes(v));
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v) && v.every((x) => matches(x, s.items));
    case 'object':
      return isObject(v) && readObject(v, s).ok;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Declared properties of the right type are kept; a wrong type counts as absent. */
function readObject(raw: Record<string, unknown>, s: ObjectSchema): ParsedArgs<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, sub] of Object.entries(s.properties)) {
    const v = Object.hasOwn(raw, k) ? raw[k] : undefined;
    if (v !== undefined && matches(v, sub)) out[k] = v;
  }
  const missing = s.required.find((k) => !Object.hasOwn(out, k));
  return missing !== undefined ? argumentError(`missing field \`${missing}\``) : { ok: true, args: out };
}

/** A function call's `arguments` text as a JSON object (empty text is `{}`). */
export function parseArgumentsObject(text: string): ParsedArgs<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text === '' ? '{}' : text);
  } catch (e) {
    return argumentError(e instanceof Error ? e.message : String(e));
  }
  return isObject(value) ? { ok: true, args: value } : argumentError('expected a JSON object');
}

/** What the registry holds: the declaration and the handler of one tool. */
export interface ToolDefinition {
  readonly name: string;
  readonly declaration: ToolDeclaration;
  /** Whether this run offers it (and accepts calls to it). */
  readonly offered: (opts: DeclarationOptions) => boolean;
  readonly handle: (call: ToolCall, ctx: ToolContext) => Promise<ToolOutcome>;
}

const ALWAYS = (): boolean => true;

export interface FunctionToolSpec<S extends ObjectSchema, A> {
  readonly name: string;
  readonly description: string;
  readonly parameters: S;
  /** A tool's own reading of its arguments, where it words errors itself; default: from `parameters`. */
  readonly parse?: (raw: Record<string, unknown>) => ParsedArgs<A>;
  readonly run: (args: A, ctx: ToolContext, call: ToolCall) => Promise<ToolOutcome>;
  readonly offered?: (opts: DeclarationOptions) => boolean;
}

/** A JSON-arguments tool (`function_call`). */
export function defineFunctionTool<const S extends ObjectSchema, A = ArgsOf<S>>(
  spec: FunctionToolSpec<S, A>,
): ToolDefinition {
  const declaration: FunctionToolDeclaration = {
    type: 'function',
    name: spec.name,
    description: spec.description,
    strict: false,
    parameters: spec.parameters,
  };
  const parse = spec.parse ?? ((raw: Record<string, unknown>) => readObject(raw, spec.parameters) as ParsedArgs<A>);
  return {
    name: spec.name,
    declaration,
    offered: spec.offered ?? ALWAYS,
    handle: async (call, ctx) => {
      if (call.type !== 'function_call') return textOutcome(`unsupported custom tool call: ${call.name}`);
      const raw = parseArgumentsObject(call.arguments);
      if (!raw.ok) return textOutcome(raw.text);
      const a = parse(raw.args);
      return a.ok ? spec.run(a.args, ctx, call) : textOutcome(a.text);
    },
  };
}

export interface FreeformToolSpec {
  readonly name: string;
  readonly description: string;
  readonly grammar: string;
  readonly run: (input: string, ctx: ToolContext, call: ToolCall) => Promise<ToolOutcome>;
}

const INPUT_ARGS: ObjectSchema = {
  type: 'object',
  properties: { input: { type: 'string' } },
  required: ['input'],
  additionalProperties: false,
};

/**
 * A free-form tool (`custom_tool_call`, text checked by a Lark grammar). A
 * `function_call` with `{"input": "..."}` reaches it too, as codex accepts.
 */
export function defineFreeformTool(spec: FreeformToolSpec): ToolDefinition {
  const declaration: CustomToolDeclaration = {
    type: 'custom',
    name: spec.name,
    description: spec.description,
    format: { type: 'grammar', syntax: 'lark', definition: spec.grammar },
  };
  return {
    name: spec.name,
    declaration,
    offered: ALWAYS,
    handle: async (call, ctx) => {
      if (call.type === 'custom_tool_call') return spec.run(call.input, ctx, call);
      const raw = parseArgumentsObject(call.arguments);
      const a = raw.ok ? readObject(raw.args, INPUT_ARGS) : raw;
      return a.ok ? spec.run(String(a.args['input']), ctx, call) : textOutcome(a.text);
    },
  };
}
