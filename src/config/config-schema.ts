import { parseDurationMs } from './duration.js';
import type { Schema } from './schema.js';

/**
 * Every key of config.toml (codex-exec.md §3, §5.2, §5.4, §2.1; codex-extensions.md
 * §3.1, §5) plus hexec's own keys. Keys not listed here are "unrecognized": a warning,
 * or an error with --strict-config. Semantic checks that need the merged result (MCP
 * transports, provider lookup) live in effective.ts.
 */
const str: Schema = { t: 'string' };
const path: Schema = { t: 'path' };
const bool: Schema = { t: 'bool' };
const int: Schema = { t: 'int', min: 0 };
const posInt: Schema = { t: 'int', min: 1 };
const num: Schema = { t: 'number', min: 0 };
const any: Schema = { t: 'any' };
const strs: Schema = { t: 'array', of: str };
const strMap: Schema = { t: 'map', of: str };
const table = (fields: Record<string, Schema>): Schema & { t: 'table' } => ({ t: 'table', fields });
const oneOf = (label: string, ...options: Schema[]): Schema => ({ t: 'oneOf', options, label });

export const SANDBOX_MODE_VALUES = ['read-only', 'workspace-write', 'danger-full-access'] as const;
export const APPROVAL_POLICY_VALUES = ['untrusted', 'on-failure', 'on-request', 'never'] as const;
const sandboxMode: Schema = { t: 'enum', values: SANDBOX_MODE_VALUES };
const approvalPolicy: Schema = oneOf(
  'one of "on-request", "on-failure", "never", or a { granular = ... } table',
  { t: 'enum', values: APPROVAL_POLICY_VALUES },
  table({ granular: any }),
);

export const PROVIDER_SCHEMA = table({
  name: str,
  base_url: str,
  env_key: str,
  env_key_instructions: str,
  wire_api: { t: 'enum', values: ['responses', 'chat'] },
  query_params: strMap,
  http_headers: strMap,
  env_http_headers: strMap,
  request_max_retries: int,
  stream_max_retries: int,
  stream_idle_timeout_ms: int,
  websocket_connect_timeout_ms: int,
  requires_openai_auth: bool,
  supports_websockets: bool,
  experimental_bearer_token: str,
  auth: any,
});

const toolApproval: Schema = { t: 'enum', values: ['auto', 'prompt', 'approve'] };

export const MCP_SERVER_SCHEMA = table({
  command: str,
  args: strs,
  env: strMap,
  env_vars: {
    t: 'array',
    of: oneOf(
      'a variable name or { name, source } table',
      str,
      table({ name: str, source: { t: 'enum', values: ['local', 'remote'] } }),
    ),
  },
  cwd: path,
  url: str,
  bearer_token_env_var: str,
  bearer_token: str,
  http_headers: strMap,
  env_http_headers: strMap,
  scopes: strs,
  oauth: table({ client_id: str }),
  oauth_resource: str,
  enabled: bool,
  required: bool,
  startup_timeout_sec: num,
  startup_timeout_ms: int,
  tool_timeout_sec: num,
  enabled_tools: strs,
  disabled_tools: strs,
  default_tools_approval_mode: toolApproval,
  tools: { t: 'map', of: table({ approval_mode: toolApproval }) },
  supports_parallel_tool_calls: bool,
  experimental_environment: any,
  name: str,
});

const duration: Schema = {
  t: 'custom',
  base: str,
  label: 'a duration such as "90s", "10m" or "1h30m"',
  check: (v) => typeof v === 'string' && parseDurationMs(v) !== undefined,
};

export const CONFIG_SCHEMA = table({
  // model & provider
  model: str,
  model_provider: str,
  model_providers: { t: 'map', of: PROVIDER_SCHEMA },
  openai_base_url: str,
  chatgpt_base_url: str,
  oss_provider: { t: 'enum', values: ['lmstudio', 'ollama'] },
  model_context_window: int,
  model_auto_compact_token_limit: int,
  model_max_output_tokens: int,
  model_reasoning_effort: str,
  model_reasoning_summary: str,
  model_reasoning_summary_format: str,
  model_verbosity: str,
  model_supports_reasoning_summaries: bool,
  request_max_retries: int,
  stream_max_retries: int,
  stream_idle_timeout_ms: int,
  // sandbox & approvals
  approval_policy: approvalPolicy,
  approvals_reviewer: str,
  sandbox_mode: sandboxMode,
  sandbox_workspace_write: table({
    writable_roots: { t: 'array', of: path },
    network_access: bool,
    exclude_tmpdir_env_var: bool,
    exclude_slash_tmp: bool,
  }),
  shell_environment_policy: table({
    inherit: { t: 'enum', values: ['all', 'core', 'none'] },
    ignore_default_excludes: bool,
    exclude: strs,
    include_only: strs,
    set: strMap,
    experimental_use_profile: bool,
  }),
  // extensions
  mcp_servers: { t: 'map', of: MCP_SERVER_SCHEMA },
  features: { t: 'map', of: bool },
  hooks: any,
  skills: any,
  notify: strs,
  // instructions
  project_doc_max_bytes: int,
  project_doc_fallback_filenames: strs,
  project_root_markers: strs,
  developer_instructions: str,
  model_instructions_file: path,
  instructions: str,
  include_permissions_instructions: bool,
  include_environment_context: bool,
  include_apps_instructions: bool,
  // misc codex keys
  hide_agent_reasoning: bool,
  show_raw_agent_reasoning: bool,
  disable_response_storage: bool,
  web_search: str,
  tools: table({ web_search: bool, view_image: bool }),
  history: table({ persistence: str, max_bytes: int }),
  file_opener: str,
  tui: any,
  otel: any,
  analytics: any,
  feedback: any,
  notice: any,
  windows: any,
  cli_auth_credentials_store: str,
  mcp_oauth_credentials_store: str,
  forced_login_method: str,
  forced_chatgpt_workspace_id: str,
  projects: { t: 'map', of: table({ trust_level: { t: 'enum', values: ['trusted', 'untrusted'] } }) },
  // legacy (checked in resolve.ts)
  profiles: any,
  profile: str,
  // hexec
  hermetic: bool,
  output_schema_max_repairs: int,
  max_turns: posInt,
  max_tokens: posInt,
  max_cost_usd: { t: 'number', positive: true },
  timeout: duration,
  model_prices: {
    t: 'map',
    of: table({ input_per_mtok: num, cached_input_per_mtok: num, output_per_mtok: num }),
  },
});

const prefixRule = table({ pattern: any, decision: str, justification: str, match: any, not_match: any });

export const REQUIREMENTS_SCHEMA = table({
  allowed_approval_policies: { t: 'array', of: { t: 'enum', values: APPROVAL_POLICY_VALUES } },
  allowed_sandbox_modes: { t: 'array', of: sandboxMode },
  enforce_residency: str,
  additional_developer_instructions: str,
  mcp_servers: { t: 'map', of: table({ identity: table({ command: str, url: str }) }) },
  rules: table({ prefix_rules: { t: 'array', of: prefixRule } }),
  allowed_login_methods: any,
  allowed_chatgpt_workspaces: any,
  allowed_approvals_reviewers: any,
  allowed_permission_profiles: any,
  allowed_web_search_modes: any,
  remote_sandbox_config: any,
  allow_managed_hooks_only: any,
  allow_remote_control: any,
  network: any,
  filesystem: any,
  features: any,
  hooks: any,
});
