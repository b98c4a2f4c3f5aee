import { fingerprint, formatKeyPath, redactSecrets, type Provenance, type ResolvedConfig } from '../config/index.js';
import { HEXEC_VERSION } from '../util/index.js';

/** Text and JSON views of a ResolvedConfig for `hexec config show`. */
function value(v: unknown): string {
  if (v === null || v === undefined) return '(unset)';
  return JSON.stringify(v);
}

function where(p: Provenance | undefined): string {
  if (p === undefined) return 'default';
  let s: string = p.layer;
  if (p.file !== undefined) s += ` (${p.file}${p.line !== undefined ? `:${p.line}` : ''})`;
  if (p.flag !== undefined) s += ` (${p.flag})`;
  if (p.note !== undefined) s += ` — ${p.note}`;
  return s;
}

function leaves(v: unknown, path: string[], out: Array<[string, unknown]>): void {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
    for (const k of Object.keys(v).sort()) leaves((v as Record<string, unknown>)[k], [...path, k], out);
  } else {
    out.push([formatKeyPath(path), v]);
  }
}

export function renderConfigText(r: ResolvedConfig, explain: boolean): string {
  const lines: string[] = [];
  lines.push(`# hexec ${HEXEC_VERSION} configuration for ${r.cwd}`);
  lines.push(`# fingerprint: ${fingerprint(r)}`);
  lines.push(
    `# project root: ${r.projectRoot}${r.gitRoot !== null ? ` (git root: ${r.gitRoot})` : ' (not a git repository)'}`,
  );
  lines.push(
    `# trust: ${r.trust.level}${r.trust.source !== null ? ` via ${r.trust.source}` : ''}${r.trust.written ? ' (recorded in $CODEX_HOME/config.toml)' : ''}`,
  );
  if (r.hermetic)
    lines.push('# hermetic: yes (user config, profiles, user/project rules and $CODEX_HOME/AGENTS.md are not read)');
  lines.push('');
  const all: Array<[string, unknown]> = [];
  leaves(redactSecrets(r.effective), [], all);
  const width = Math.min(60, Math.max(...all.map(([k, v]) => k.length + value(v).length + 3)));
  for (const [k, v] of all) {
    const kv = `${k} = ${value(v)}`;
    lines.push(explain ? `${kv.padEnd(width)}  # ${where(r.provenance[k])}` : kv);
  }
  if (r.addDirs.length > 0) lines.push(`# --add-dir: ${r.addDirs.join(', ')}`);
  if (explain) {
    lines.push('', 'Layers (weakest first):');
    for (const l of r.layers) {
      const admin = l.adminPolicy ? ' [administrator policy]' : '';
      lines.push(
        `  ${l.fate.padEnd(8)} ${l.kind.padEnd(13)} ${l.file ?? l.label}${admin}${l.why !== undefined ? ` — ${l.why}` : ''}`,
      );
    }
    lines.push('', 'Instruction files (AGENTS.md):');
    if (r.instructions.files.length === 0) lines.push('  (none)');
    for (const f of r.instructions.files) {
      lines.push(
        `  ${f.kind.padEnd(8)} ${f.path} ${f.bytes} bytes${f.truncated ? ` (truncated from ${f.size})` : ''} sha256:${f.sha256}`,
      );
    }
    for (const w of r.instructions.why) lines.push(`  note: ${w}`);
    lines.push('', 'Rules directories (lowest precedence first):');
    for (const d of r.rulesDirs) lines.push(`  ${d.layer.padEnd(8)} ${d.dir}${d.exists ? '' : ' (absent)'}`);
    if (r.requirements.rules !== null)
      lines.push(
        `  requirements [rules] in ${r.requirements.rules.file}: ${r.requirements.rules.prefix_rules.length} prefix rule(s)`,
      );
    const e = r.effective;
    const ext = [
      ...(e.hooks !== null && e.hooks !== undefined ? ['hooks'] : []),
      ...Object.keys(e.mcp_servers)
        .sort()
        .map((n) => `mcp_servers.${n}`),
      ...(e.skills !== null && e.skills !== undefined ? ['skills'] : []),
      ...(e.notify !== null && e.notify.length > 0 ? ['notify'] : []),
    ];
    lines.push('', 'Extensions: hexec runs no hooks, MCP servers, skills or notify programs.');
    lines.push(ext.length > 0 ? `  configured but not run: ${ext.join(', ')}` : '  (none configured)');
    if (r.adminPolicy.length > 0) {
      lines.push('', 'Administrator policy (applies even to hermetic runs):');
      for (const a of r.adminPolicy) lines.push(`  ${a.kind.padEnd(12)} ${a.file} sha256:${a.sha256}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The documented `config show --json` object (docs/config.md). */
export function configJson(r: ResolvedConfig): Record<string, unknown> {
  return { schema_version: 1, hexec_version: HEXEC_VERSION, fingerprint: fingerprint(r), ...redactSecrets(r) };
}
