import { DEFAULT_MODEL_PRICES } from './model-prices.js';
import { HexecError } from '../errors/index.js';
import { parseDurationMs } from './duration.js';
import { formatKeyPath } from './key-path.js';
import type { Merged } from './merge.js';
import { resolveProvider } from './providers.js';
import { constrainApproval, constrainSandbox } from './requirements.js';
import { isTable, type Table } from './schema.js';
import type {
  ApprovalPolicyName,
  EffectiveConfig,
  McpServerConfig,
  ModelPrice,
  Provenance,
  RequirementsInfo,
  SandboxModeName,
} from './types.js';

/**
 * The merged table → the typed effective configuration, defaults applied, exec's
 * approval rule and the requirements enforced.
 */
/** codex 0.169's default model (fixture 14); its request shape is in agent/request-template.ts. */
export const DEFAULT_MODEL = 'gpt-6.1-sol';
export const DEFAULT_MODEL_PROVIDER = 'openai';
export const DEFAULT_PROJECT_DOC_MAX_BYTES = 32 * 1024;
export const DEFAULT_OUTPUT_SCHEMA_MAX_REPAIRS = 2;
const DEFAULT_MCP_STARTUP_TIMEOUT_SEC = 10;
const DEFAULT_MCP_TOOL_TIMEOUT_SEC = 60;

export interface EffectiveInput {
  readonly merged: Merged;
  readonly requirements: RequirementsInfo;
  readonly hermetic: boolean;
  readonly approveForMe: boolean;
  readonly yolo: boolean;
}

export interface EffectiveOutput {
  readonly effective: EffectiveConfig;
  /** Provenance of values not taken verbatim from a layer (forced, fallback). */
  readonly overrides: Map<string, Provenance>;
  readonly warnings: string[];
}

function errorAt(merged: Merged, path: readonly string[], message: string): HexecError {
  const key = formatKeyPath(path);
  const p = merged.provenance.get(key);
  return new HexecError('config', message, {
    source:
      p?.file !== undefined
        ? {
            file: p.file,
            ...(p.line !== undefined ? { line: p.line } : {}),
            ...(p.column !== undefined ? { column: p.column } : {}),
            key,
          }
        : { flag: p?.flag ?? '-c/--config', key },
  });
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
const strs = (v: unknown): string[] | null =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
const tbl = (v: unknown): Table => (isTable(v) ? v : (Object.create(null) as Table));
function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(tbl(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

const STDIO_ONLY = ['args', 'env', 'env_vars', 'cwd'];
const HTTP_ONLY = ['bearer_token_env_var', 'http_headers', 'env_http_headers', 'scopes', 'oauth', 'oauth_resource'];

function mcpServer(name: string, s: Table, merged: Merged): McpServerConfig {
  const at = (k: string): string[] => ['mcp_servers', name, k];
  if (s['bearer_token'] !== undefined) {
    throw errorAt(merged, at('bearer_token'), 'inline `bearer_token` is not supported; use `bearer_token_env_var`');
  }
  const hasCommand = typeof s['command'] === 'string';
  const hasUrl = typeof s['url'] === 'string';
  if (hasCommand && hasUrl)
    throw errorAt(merged, at('url'), `MCP server \`${name}\`: \`url\` cannot be combined with \`command\``);
  if (!hasCommand && !hasUrl)
    throw errorAt(
      merged,
      ['mcp_servers', name],
      `MCP server \`${name}\` needs \`command\` (stdio) or \`url\` (streamable HTTP)`,
    );
  const wrong = (hasCommand ? HTTP_ONLY : STDIO_ONLY).find((k) => s[k] !== undefined);
  if (wrong !== undefined) {
    throw errorAt(
      merged,
      at(wrong),
      `MCP server \`${name}\`: \`${wrong}\` is not valid for a ${hasCommand ? 'stdio' : 'streamable HTTP'} server`,
    );
  }
  const startupMs = num(s['startup_timeout_ms']);
  return {
    transport: hasCommand ? 'stdio' : 'streamable_http',
    command: str(s['command']),
    args: strs(s['args']) ?? [],
    env: strMap(s['env']),
    env_vars: Array.isArray(s['env_vars']) ? s['env_vars'] : [],
    cwd: str(s['cwd']),
    url: str(s['url']),
    bearer_token_env_var: str(s['bearer_token_env_var']),
    http_headers: strMap(s['http_headers']),
    env_http_headers: strMap(s['env_http_headers']),
    enabled: bool(s['enabled'], true),
    required: bool(s['required'], false),
    startup_timeout_sec:
      num(s['startup_timeout_sec']) ?? (startupMs !== null ? startupMs / 1000 : DEFAULT_MCP_STARTUP_TIMEOUT_SEC),
    tool_timeout_sec: num(s['tool_timeout_sec']) ?? DEFAULT_MCP_TOOL_TIMEOUT_SEC,
    enabled_tools: strs(s['enabled_tools']),
    disabled_tools: strs(s['disabled_tools']) ?? [],
    default_tools_approval_mode: str(s['default_tools_approval_mode']),
    tools: { ...tbl(s['tools']) },
    supports_parallel_tool_calls: bool(s['supports_parallel_tool_calls'], false),
  };
}

function approvalPolicy(
  input: EffectiveInput,
  overrides: Map<string, Provenance>,
  warnings: string[],
): ApprovalPolicyName {
  const { merged } = input;
  if (merged.table['approval_policy'] === 'untrusted') {
    throw errorAt(
      merged,
      ['approval_policy'],
      'approval_policy = "untrusted" is no longer supported; remove this setting',
    );
  }
  const base: ApprovalPolicyName = input.approveForMe ? 'on-request' : 'never';
  overrides.set(
    'approval_policy',
    input.approveForMe
      ? { layer: 'cli-flags', flag: '--approve-for-me' }
      : { layer: 'default', note: 'exec always runs with approval_policy "never" unless requirements force another' },
  );
  const c = constrainApproval(base, input.requirements);
  if (c.warning !== undefined) warnings.push(c.warning);
  if (c.provenance !== undefined) overrides.set('approval_policy', c.provenance);
  return c.value;
}

function sandboxMode(input: EffectiveInput, overrides: Map<string, Provenance>, warnings: string[]): SandboxModeName {
  const configured = input.merged.table['sandbox_mode'];
  const mode = (typeof configured === 'string' ? configured : 'read-only') as SandboxModeName;
  const c = constrainSandbox(mode, input.requirements, input.merged.provenance.get('sandbox_mode'), input.yolo);
  if (c.warning !== undefined) warnings.push(c.warning);
  if (c.provenance !== undefined) overrides.set('sandbox_mode', c.provenance);
  return c.value;
}

export function buildEffective(input: EffectiveInput): EffectiveOutput {
  const t = input.merged.table;
  const overrides = new Map<string, Provenance>();
  const warnings: string[] = [];
  const approval = approvalPolicy(input, overrides, warnings);
  const sandbox = sandboxMode(input, overrides, warnings);
  const modelProvider = str(t['model_provider']) ?? DEFAULT_MODEL_PROVIDER;
  const { provider, warnings: pw } = resolveProvider(modelProvider, input.merged);
  warnings.push(...pw);
  const sww = tbl(t['sandbox_workspace_write']);
  const sep = tbl(t['shell_environment_policy']);
  const mcp: Record<string, McpServerConfig> = {};
  for (const [name, s] of Object.entries(tbl(t['mcp_servers']))) mcp[name] = mcpServer(name, tbl(s), input.merged);
  const features: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(tbl(t['features']))) if (typeof v === 'boolean') features[k] = v;
  // the shipped table, with config entries replacing or adding whole models
  const prices: Record<string, ModelPrice> = { ...DEFAULT_MODEL_PRICES };
  for (const [k, v] of Object.entries(tbl(t['model_prices']))) {
    const p = tbl(v);
    prices[k] = {
      input_per_mtok: num(p['input_per_mtok']) ?? 0,
      cached_input_per_mtok: num(p['cached_input_per_mtok']) ?? num(p['input_per_mtok']) ?? 0,
      output_per_mtok: num(p['output_per_mtok']) ?? 0,
    };
  }
  const timeout = str(t['timeout']);
  const inherit = sep['inherit'];
  const effective: EffectiveConfig = {
    model: str(t['model']) ?? DEFAULT_MODEL,
    model_provider: modelProvider,
    provider,
    openai_base_url: str(t['openai_base_url']),
    oss_provider: str(t['oss_provider']),
    model_reasoning_effort: str(t['model_reasoning_effort']),
    model_reasoning_summary: str(t['model_reasoning_summary']),
    model_verbosity: str(t['model_verbosity']),
    model_context_window: num(t['model_context_window']),
    model_auto_compact_token_limit: num(t['model_auto_compact_token_limit']),
    sandbox_mode: sandbox,
    sandbox_workspace_write: {
      writable_roots: strs(sww['writable_roots']) ?? [],
      network_access: bool(sww['network_access'], false),
      exclude_tmpdir_env_var: bool(sww['exclude_tmpdir_env_var'], false),
      exclude_slash_tmp: bool(sww['exclude_slash_tmp'], false),
    },
    approval_policy: approval,
    approvals_reviewer: input.approveForMe ? 'auto_review' : str(t['approvals_reviewer']),
    shell_environment_policy: {
      inherit: inherit === 'core' || inherit === 'none' ? inherit : 'all',
      // codex 0.169 applies the *KEY*/*SECRET*/*TOKEN* excludes only when this is false
      ignore_default_excludes: bool(sep['ignore_default_excludes'], false),
      exclude: strs(sep['exclude']) ?? [],
      include_only: strs(sep['include_only']) ?? [],
      set: strMap(sep['set']),
    },
    mcp_servers: mcp,
    features,
    hooks: t['hooks'] ?? null,
    skills: t['skills'] ?? null,
    notify: strs(t['notify']),
    project_doc_max_bytes: num(t['project_doc_max_bytes']) ?? DEFAULT_PROJECT_DOC_MAX_BYTES,
    project_doc_fallback_filenames: strs(t['project_doc_fallback_filenames']) ?? [],
    project_root_markers: strs(t['project_root_markers']) ?? ['.git'],
    developer_instructions: str(t['developer_instructions']),
    model_instructions_file: str(t['model_instructions_file']),
    instructions: str(t['instructions']),
    include_permissions_instructions: bool(t['include_permissions_instructions'], true),
    include_environment_context: bool(t['include_environment_context'], true),
    include_apps_instructions: bool(t['include_apps_instructions'], true),
    hide_agent_reasoning: bool(t['hide_agent_reasoning'], false),
    show_raw_agent_reasoning: bool(t['show_raw_agent_reasoning'], false),
    web_search: str(t['web_search']),
    tools: { ...tbl(t['tools']) },
    hermetic: input.hermetic,
    output_schema_max_repairs: num(t['output_schema_max_repairs']) ?? DEFAULT_OUTPUT_SCHEMA_MAX_REPAIRS,
    max_turns: num(t['max_turns']),
    max_tokens: num(t['max_tokens']),
    max_cost_usd: num(t['max_cost_usd']),
    timeout,
    timeout_ms: timeout !== null ? (parseDurationMs(timeout) ?? null) : null,
    model_prices: prices,
  };
  return { effective, overrides, warnings };
}
