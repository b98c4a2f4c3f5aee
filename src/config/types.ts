/**
 * The shapes resolveConfig takes and returns. `ConfigFlags` is the config-scope part of
 * the command line; cli/'s ParsedOptions satisfies it structurally.
 */
export interface ConfigFlags {
  readonly config: readonly string[];
  readonly enable: readonly string[];
  readonly disable: readonly string[];
  readonly addDir: readonly string[];
  readonly model?: string | undefined;
  readonly profile?: string | undefined;
  readonly sandbox?: string | undefined;
  readonly cd?: string | undefined;
  readonly localProvider?: string | undefined;
  readonly fullAuto?: boolean;
  readonly ignoreUserConfig?: boolean;
  readonly ignoreRules?: boolean;
  readonly ephemeral?: boolean;
  readonly trust?: boolean;
  readonly strictConfig?: boolean;
  readonly oss?: boolean;
  readonly dangerouslyBypass?: boolean;
  readonly approveForMe?: boolean;
  readonly hermetic?: boolean;
  /** exec-scope budget flags; applied as dedicated flags when present. */
  readonly maxTurns?: string | undefined;
  readonly maxTokens?: string | undefined;
  readonly maxCostUsd?: string | undefined;
  readonly timeout?: string | undefined;
}

export type SandboxModeName = 'read-only' | 'workspace-write' | 'danger-full-access';
export type ApprovalPolicyName = 'never' | 'on-request' | 'on-failure';

/** Layers, weakest first. */
export type LayerKind =
  'system' | 'user' | 'profile' | 'project' | 'session-flags' | 'managed' | 'cli-flags' | 'requirements';

export type LayerFate = 'loaded' | 'missing' | 'skipped';

export interface LayerReport {
  readonly kind: LayerKind;
  /** `session-flags`, `cli-flags`, or the file path. */
  readonly label: string;
  readonly file?: string;
  readonly fate: LayerFate;
  readonly why?: string;
  /** system, managed and requirements files: they apply even to hermetic runs. */
  readonly adminPolicy: boolean;
}

/** Where a resolved key got its value. `default` = hexec's built-in default. */
export interface Provenance {
  readonly layer: LayerKind | 'default' | 'built-in';
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The dedicated flag or `-c key` that set it. */
  readonly flag?: string;
  readonly note?: string;
}

export interface ModelProviderInfo {
  readonly id: string;
  readonly name: string;
  readonly base_url: string;
  readonly wire_api: 'responses' | 'chat';
  /** First of env_keys (the variable holding the bearer token), if any. */
  readonly env_key: string | null;
  /** Variables tried in order for the bearer token (openai: CODEX_API_KEY, OPENAI_API_KEY). */
  readonly env_keys: readonly string[];
  readonly query_params: Readonly<Record<string, string>>;
  readonly http_headers: Readonly<Record<string, string>>;
  readonly env_http_headers: Readonly<Record<string, string>>;
  readonly request_max_retries: number;
  readonly stream_max_retries: number;
  readonly stream_idle_timeout_ms: number;
  readonly requires_openai_auth: boolean;
  readonly experimental_bearer_token: string | null;
  readonly built_in: boolean;
}

export interface McpServerConfig {
  readonly transport: 'stdio' | 'streamable_http';
  readonly command: string | null;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly env_vars: readonly unknown[];
  readonly cwd: string | null;
  readonly url: string | null;
  readonly bearer_token_env_var: string | null;
  readonly http_headers: Readonly<Record<string, string>>;
  readonly env_http_headers: Readonly<Record<string, string>>;
  readonly enabled: boolean;
  readonly required: boolean;
  readonly startup_timeout_sec: number;
  readonly tool_timeout_sec: number;
  readonly enabled_tools: readonly string[] | null;
  readonly disabled_tools: readonly string[];
  readonly default_tools_approval_mode: string | null;
  readonly tools: Readonly<Record<string, unknown>>;
  readonly supports_parallel_tool_calls: boolean;
}

export interface ModelPrice {
  readonly input_per_mtok: number;
  readonly cached_input_per_mtok: number;
  readonly output_per_mtok: number;
}

export interface ShellEnvironmentPolicy {
  readonly inherit: 'all' | 'core' | 'none';
  readonly ignore_default_excludes: boolean;
  readonly exclude: readonly string[];
  readonly include_only: readonly string[];
  readonly set: Readonly<Record<string, string>>;
}

export interface SandboxWorkspaceWrite {
  readonly writable_roots: readonly string[];
  readonly network_access: boolean;
  readonly exclude_tmpdir_env_var: boolean;
  readonly exclude_slash_tmp: boolean;
}

/** Every key with its default applied; unset optional values are null. */
export interface EffectiveConfig {
  readonly model: string;
  readonly model_provider: string;
  readonly provider: ModelProviderInfo;
  readonly openai_base_url: string | null;
  readonly oss_provider: string | null;
  readonly model_reasoning_effort: string | null;
  readonly model_reasoning_summary: string | null;
  readonly model_verbosity: string | null;
  readonly model_context_window: number | null;
  readonly model_auto_compact_token_limit: number | null;
  readonly sandbox_mode: SandboxModeName;
  readonly sandbox_workspace_write: SandboxWorkspaceWrite;
  readonly approval_policy: ApprovalPolicyName;
  readonly approvals_reviewer: string | null;
  readonly shell_environment_policy: ShellEnvironmentPolicy;
  readonly mcp_servers: Readonly<Record<string, McpServerConfig>>;
  readonly features: Readonly<Record<string, boolean>>;
  readonly hooks: unknown;
  readonly skills: unknown;
  readonly notify: readonly string[] | null;
  readonly project_doc_max_bytes: number;
  readonly project_doc_fallback_filenames: readonly string[];
  readonly project_root_markers: readonly string[];
  readonly developer_instructions: string | null;
  readonly model_instructions_file: string | null;
  readonly instructions: string | null;
  readonly include_permissions_instructions: boolean;
  readonly include_environment_context: boolean;
  readonly include_apps_instructions: boolean;
  readonly hide_agent_reasoning: boolean;
  readonly show_raw_agent_reasoning: boolean;
  readonly web_search: string | null;
  readonly tools: Readonly<Record<string, unknown>>;
  readonly hermetic: boolean;
  readonly output_schema_max_repairs: number;
  readonly max_turns: number | null;
  readonly max_tokens: number | null;
  readonly max_cost_usd: number | null;
  readonly timeout: string | null;
  readonly timeout_ms: number | null;
  readonly model_prices: Readonly<Record<string, ModelPrice>>;
}

export interface PrefixRuleSource {
  readonly pattern: readonly unknown[];
  readonly decision: 'prompt' | 'prompt-user' | 'forbidden';
  readonly justification: string | null;
}

export interface RequirementsInfo {
  readonly file: string | null;
  readonly allowed_sandbox_modes: readonly SandboxModeName[] | null;
  readonly allowed_sandbox_modes_source: string | null;
  readonly allowed_approval_policies: readonly string[] | null;
  readonly allowed_approval_policies_source: string | null;
  readonly enforce_residency: string | null;
  readonly additional_developer_instructions: string | null;
  readonly mcp_server_identities: Readonly<Record<string, unknown>> | null;
  /** `[rules] prefix_rules` of requirements.toml (validated), with the file text. */
  readonly rules: {
    readonly file: string;
    readonly line: number | null;
    readonly prefix_rules: readonly PrefixRuleSource[];
    readonly source_text: string;
  } | null;
}

export interface RulesDir {
  readonly dir: string;
  readonly layer: 'system' | 'user' | 'project';
  readonly exists: boolean;
}

export interface InstructionFile {
  readonly path: string;
  readonly kind: 'user' | 'project';
  /** Bytes that reach the model (after the budget cut; user doc: trimmed). */
  readonly bytes: number;
  /** Size of the file on disk. */
  readonly size: number;
  readonly truncated: boolean;
  /** sha256 of the bytes that reach the model. */
  readonly sha256: string;
}

export interface InstructionsResult {
  readonly files: readonly InstructionFile[];
  /** The rendered user-message item, or null when no file applies. */
  readonly text: string | null;
  readonly why: readonly string[];
}

export interface AdminPolicyFile {
  readonly kind: 'system' | 'managed' | 'requirements';
  readonly file: string;
  readonly sha256: string;
}

export interface TrustInfo {
  readonly level: 'trusted' | 'untrusted' | 'unknown';
  /** The `[projects."<path>"]` entry that decided it, or `--trust`. */
  readonly source: string | null;
  /** True when this run appended the trusted entry to $CODEX_HOME/config.toml. */
  readonly written: boolean;
}

export interface ResolvedConfig {
  readonly cwd: string;
  readonly projectRoot: string;
  readonly gitRoot: string | null;
  readonly codexHome: string;
  readonly home: string;
  readonly hermetic: boolean;
  readonly ephemeral: boolean;
  readonly ignoreUserConfig: boolean;
  readonly ignoreRules: boolean;
  readonly trust: TrustInfo;
  readonly effective: EffectiveConfig;
  readonly addDirs: readonly string[];
  readonly provenance: Readonly<Record<string, Provenance>>;
  readonly layers: readonly LayerReport[];
  readonly warnings: readonly string[];
  readonly requirements: RequirementsInfo;
  readonly rulesDirs: readonly RulesDir[];
  readonly instructions: InstructionsResult;
  readonly adminPolicy: readonly AdminPolicyFile[];
}
