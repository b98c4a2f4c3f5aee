export { resolveConfig } from './resolve.js';
export { fingerprint, fingerprintInput, redactSecrets, normalisePaths, REDACTED } from './fingerprint.js';
export { parseDurationMs } from './duration.js';
export { parseOverride, parseOverrideValue } from './overrides.js';
export { renderInstructions, PROJECT_DOC_SEPARATOR } from './agents-md.js';
export { formatKeyPath } from './key-path.js';
export {
  DEFAULT_MODEL,
  DEFAULT_MODEL_PROVIDER,
  DEFAULT_PROJECT_DOC_MAX_BYTES,
  DEFAULT_OUTPUT_SCHEMA_MAX_REPAIRS,
} from './effective.js';
export { DEFAULT_OPENAI_BASE_URL, BUILT_IN_PROVIDERS } from './providers.js';
export type {
  AdminPolicyFile,
  ApprovalPolicyName,
  ConfigFlags,
  EffectiveConfig,
  InstructionFile,
  InstructionsResult,
  LayerFate,
  LayerKind,
  LayerReport,
  McpServerConfig,
  ModelPrice,
  ModelProviderInfo,
  PrefixRuleSource,
  Provenance,
  RequirementsInfo,
  ResolvedConfig,
  RulesDir,
  SandboxModeName,
  SandboxWorkspaceWrite,
  ShellEnvironmentPolicy,
  TrustInfo,
} from './types.js';
