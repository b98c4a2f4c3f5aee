import { HexecError } from '../errors/index.js';
import { formatKeyPath, getPath } from './key-path.js';
import type { LayerData } from './merge.js';
import { isTable } from './schema.js';
import type { ApprovalPolicyName, PrefixRuleSource, Provenance, RequirementsInfo, SandboxModeName } from './types.js';

/**
 * requirements.toml and the legacy managed_config.toml as constraints (codex-exec.md
 * §4): first source wins per field (requirements.toml, then managed_config.toml).
 */
export const NO_REQUIREMENTS: RequirementsInfo = {
  file: null,
  allowed_sandbox_modes: null,
  allowed_sandbox_modes_source: null,
  allowed_approval_policies: null,
  allowed_approval_policies_source: null,
  enforce_residency: null,
  additional_developer_instructions: null,
  mcp_server_identities: null,
  rules: null,
};

function fail(layer: LayerData, path: string[], message: string, expected?: string, found?: string): never {
  const pos = layer.lines.find(path);
  throw new HexecError('config', message, {
    source: {
      file: layer.file ?? layer.label,
      ...(pos !== undefined ? { line: pos.line, column: pos.column } : {}),
      key: formatKeyPath(path),
    },
    ...(expected !== undefined ? { expected } : {}),
    ...(found !== undefined ? { found } : {}),
  });
}

function checkPattern(layer: LayerData, i: number, pattern: unknown): readonly unknown[] {
  const at = ['rules', 'prefix_rules', String(i), 'pattern'];
  if (!Array.isArray(pattern) || pattern.length === 0) {
    return fail(
      layer,
      at,
      `invalid rules in requirements: prefix_rules[${i}] needs a non-empty pattern`,
      'a non-empty array of { token } / { any_of } tables',
    );
  }
  for (const t of pattern) {
    const ok =
      isTable(t) &&
      ((typeof t['token'] === 'string' && Object.keys(t).length === 1) ||
        (Array.isArray(t['any_of']) &&
          t['any_of'].length > 0 &&
          t['any_of'].every((x) => typeof x === 'string') &&
          Object.keys(t).length === 1));
    if (!ok)
      return fail(
        layer,
        at,
        `invalid rules in requirements: prefix_rules[${i}] has an invalid pattern token`,
        '{ token = "..." } or { any_of = ["..."] }',
      );
  }
  return pattern;
}

function prefixRules(layer: LayerData, rules: unknown): PrefixRuleSource[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((r, i): PrefixRuleSource => {
    const at = ['rules', 'prefix_rules', String(i), 'decision'];
    const decision = getPath(r, ['decision']);
    if (decision === 'allow') {
      fail(
        layer,
        at,
        `invalid rules in requirements (${layer.file ?? layer.label}): prefix_rules[${i}] has decision 'allow', which is not permitted in requirements.toml (use 'prompt', 'prompt-user', or 'forbidden')`,
      );
    }
    if (decision !== 'prompt' && decision !== 'prompt-user' && decision !== 'forbidden') {
      fail(
        layer,
        at,
        `invalid rules in requirements: prefix_rules[${i}] needs a decision`,
        "'prompt', 'prompt-user', or 'forbidden'",
        decision === undefined ? 'nothing' : JSON.stringify(decision),
      );
    }
    const j = getPath(r, ['justification']);
    return {
      pattern: checkPattern(layer, i, getPath(r, ['pattern'])),
      decision,
      justification: typeof j === 'string' ? j : null,
    };
  });
}

export function buildRequirements(
  req: LayerData | undefined,
  text: string | undefined,
  managed: LayerData | undefined,
): RequirementsInfo {
  let info: RequirementsInfo = NO_REQUIREMENTS;
  if (req !== undefined) {
    const t = req.table;
    const modes = t['allowed_sandbox_modes'] as SandboxModeName[] | undefined;
    if (modes !== undefined && !modes.includes('read-only')) {
      fail(
        req,
        ['allowed_sandbox_modes'],
        'allowed_sandbox_modes must include "read-only"',
        'an array containing "read-only"',
        JSON.stringify(modes),
      );
    }
    const pol = t['allowed_approval_policies'] as string[] | undefined;
    if (pol !== undefined && pol.length === 0)
      fail(req, ['allowed_approval_policies'], 'allowed_approval_policies must not be empty');
    const rules = getPath(t, ['rules', 'prefix_rules']);
    const pos = req.lines.find(['rules', 'prefix_rules']);
    info = {
      file: req.file ?? null,
      allowed_sandbox_modes: modes ?? null,
      allowed_sandbox_modes_source: modes !== undefined ? (req.file ?? null) : null,
      allowed_approval_policies: pol ?? null,
      allowed_approval_policies_source: pol !== undefined ? (req.file ?? null) : null,
      enforce_residency: (t['enforce_residency'] as string | undefined) ?? null,
      additional_developer_instructions: (t['additional_developer_instructions'] as string | undefined) ?? null,
      mcp_server_identities: (t['mcp_servers'] as Record<string, unknown> | undefined) ?? null,
      rules:
        rules === undefined
          ? null
          : {
              file: req.file ?? req.label,
              line: pos?.line ?? null,
              prefix_rules: prefixRules(req, rules),
              source_text: text ?? '',
            },
    };
  }
  if (managed !== undefined) {
    const ap = managed.table['approval_policy'];
    const sm = managed.table['sandbox_mode'];
    if (info.allowed_approval_policies === null && typeof ap === 'string') {
      info = { ...info, allowed_approval_policies: [ap], allowed_approval_policies_source: managed.file ?? null };
    }
    if (info.allowed_sandbox_modes === null && typeof sm === 'string') {
      const modes = [sm as SandboxModeName];
      if (sm !== 'read-only') modes.push('read-only');
      info = { ...info, allowed_sandbox_modes: modes, allowed_sandbox_modes_source: managed.file ?? null };
    }
  }
  return info;
}

const DEBUG_NAMES: Record<string, string> = {
  never: 'Never',
  'on-request': 'OnRequest',
  'on-failure': 'OnFailure',
  untrusted: 'UnlessTrusted',
  'read-only': 'ReadOnly',
  'workspace-write': 'WorkspaceWrite',
  'danger-full-access': 'DangerFullAccess',
};

export interface Constrained<T> {
  readonly value: T;
  readonly provenance?: Provenance;
  readonly warning?: string;
}

function fallbackWarning(key: string, to: string, source: string): string {
  return `Configured value for \`${key}\` is disallowed by requirements; falling back to required value ${DEBUG_NAMES[to] ?? to} (set by ${source})`;
}

/**
 * danger-full-access outside the allowed set is fatal (codex: -s and --yolo both
 * exit); any other disallowed mode falls back to the first allowed one.
 */
export function constrainSandbox(
  mode: SandboxModeName,
  req: RequirementsInfo,
  setBy: Provenance | undefined,
  yolo: boolean,
): Constrained<SandboxModeName> {
  const allowed = req.allowed_sandbox_modes;
  if (allowed === null || allowed.includes(mode)) return { value: mode };
  const source = req.allowed_sandbox_modes_source ?? 'requirements';
  if (mode === 'danger-full-access') {
    const why = yolo
      ? '`approval_policy = "never"` cannot be used because requirements do not allow `sandbox_mode = "danger-full-access"`'
      : 'requirements do not allow `sandbox_mode = "danger-full-access"`';
    throw new HexecError(
      'config',
      `${why} (set by ${source}; requested by ${setBy?.flag ?? setBy?.file ?? setBy?.layer ?? 'configuration'})`,
      {
        source: { file: source, key: 'allowed_sandbox_modes' },
        expected: `one of ${allowed.join(', ')}`,
        found: 'danger-full-access',
      },
    );
  }
  const to = allowed[0] ?? 'read-only';
  return {
    value: to,
    provenance: { layer: 'requirements', file: source, note: `fallback from ${mode}` },
    warning: fallbackWarning('sandbox_mode', to, source),
  };
}

export function constrainApproval(policy: ApprovalPolicyName, req: RequirementsInfo): Constrained<ApprovalPolicyName> {
  const allowed = req.allowed_approval_policies;
  if (allowed === null || allowed.includes(policy)) return { value: policy };
  const source = req.allowed_approval_policies_source ?? 'requirements';
  const first = allowed[0];
  if (first !== 'never' && first !== 'on-request' && first !== 'on-failure') {
    throw new HexecError(
      'config',
      `requirements allow no approval policy hexec exec can run with (${allowed.join(', ')})`,
      {
        source: { file: source, key: 'allowed_approval_policies' },
      },
    );
  }
  return {
    value: first,
    provenance: { layer: 'requirements', file: source, note: `fallback from ${policy}` },
    warning: fallbackWarning('approval_policy', first, source),
  };
}
