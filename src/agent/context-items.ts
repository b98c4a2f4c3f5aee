import type { ResponseItem } from './ports.js';

export type SandboxModeName = 'read-only' | 'workspace-write' | 'danger-full-access';

/** What the model is told about the sandbox (also used for environment_context). */
export interface PermissionsView {
  readonly mode: SandboxModeName;
  readonly approvalPolicy: string;
  readonly networkAccess: boolean;
  /** Absolute writable roots in the order they are shown (workspace-write only). */
  readonly writableRoots: readonly string[];
  readonly slashTmp: boolean;
  readonly tmpdirEnv: boolean;
  /** Read-only subpaths inside writable roots (.git, .agents, .codex). */
  readonly readOnlySubpaths: readonly string[];
}

export interface ContextInput {
  readonly baseInstructions: string;
  readonly developerInstructions?: string;
  readonly permissions: PermissionsView;
  /** Rendered AGENTS.md block (`# AGENTS.md instructions for ...`), if any. */
  readonly agentsMd?: string;
  readonly cwd: string;
  readonly workspaceRoots: readonly string[];
  readonly shell: string;
  readonly currentDate: string;
  readonly timeZone: string;
  readonly includePermissions: boolean;
  readonly includeEnvironment: boolean;
  readonly extraDeveloperMessages?: readonly string[];
}

function text(t: string): Record<string, unknown> {
  return { type: 'input_text', text: t };
}

function message(role: 'developer' | 'user', parts: string[]): ResponseItem {
  return { type: 'message', role, content: parts.map(text) };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function permissionsText(p: PermissionsView): string {
  const lines: string[] = ['<permissions instructions>'];
  const net = p.networkAccess ? 'Network access is enabled.' : 'Network access is restricted.';
  switch (p.mode) {
    case 'read-only':
      lines.push(
        `Filesystem sandboxing defines which files can be read or written. \`sandbox_mode\` is \`read-only\`: commands may read files but cannot write anywhere. ${net}`,
      );
      break;
    case 'workspace-write':
      lines.push(
        `Filesystem sandboxing defines which files can be read or written. \`sandbox_mode\` is \`workspace-write\`: commands may read files and edit files in \`cwd\` and the writable roots; writes elsewhere fail. ${net}`,
      );
      break;
    case 'danger-full-access':
      lines.push(
        '`sandbox_mode` is `danger-full-access`: there is no filesystem sandbox and network access is enabled.',
      );
      break;
  }
  lines.push(
    `Approval policy is currently ${p.approvalPolicy}. This run is non-interactive: nothing can be approved, so do not request escalated permissions; a forbidden command is refused.`,
  );
  if (p.mode === 'workspace-write' && p.writableRoots.length > 0) {
    lines.push(` The writable roots are ${p.writableRoots.map((r) => `\`${r}\``).join(', ')}.`);
  }
  lines.push('</permissions instructions>');
  return lines.join('\n');
}

export function filesystemXml(p: PermissionsView, workspaceRoots: readonly string[]): string {
  const roots = workspaceRoots.map((r) => `<root>${xmlEscape(r)}</root>`).join('');
  let profile: string;
  if (p.mode === 'danger-full-access') {
    profile = '<permission_profile type="unrestricted"></permission_profile>';
  } else {
    const entries: string[] = ['<entry access="read"><special>:root</special></entry>'];
    if (p.mode === 'workspace-write') {
      for (const r of p.writableRoots) entries.push(`<entry access="write"><path>${xmlEscape(r)}</path></entry>`);
      if (p.slashTmp) entries.push('<entry access="write"><special>:slash_tmp</special></entry>');
      if (p.tmpdirEnv) entries.push('<entry access="write"><special>:tmpdir</special></entry>');
      for (const r of p.readOnlySubpaths) entries.push(`<entry access="read"><path>${xmlEscape(r)}</path></entry>`);
    }
    profile = `<permission_profile type="managed"><file_system type="restricted">${entries.join('')}</file_system></permission_profile>`;
  }
  return `<filesystem><workspace_roots>${roots}</workspace_roots>${profile}</filesystem>`;
}

export function environmentContext(c: ContextInput): string {
  return [
    '<environment_context>',
    `  <cwd>${xmlEscape(c.cwd)}</cwd>`,
    `  <shell>${xmlEscape(c.shell)}</shell>`,
    `  <current_date>${c.currentDate}</current_date>`,
    `  <timezone>${xmlEscape(c.timeZone)}</timezone>`,
    `  ${filesystemXml(c.permissions, c.workspaceRoots)}`,
    '</environment_context>',
  ].join('\n');
}

/**
 * The items that open a thread, in codex's order: base instructions (developer),
 * developer instructions + permissions (developer), AGENTS.md + environment (user).
 */
export function buildContextItems(c: ContextInput): ResponseItem[] {
  const items: ResponseItem[] = [message('developer', [c.baseInstructions])];
  const dev: string[] = [];
  if (c.developerInstructions !== undefined && c.developerInstructions.trim() !== '') dev.push(c.developerInstructions);
  if (c.includePermissions) dev.push(permissionsText(c.permissions));
  if (dev.length > 0) items.push(message('developer', dev));
  const user: string[] = [];
  if (c.agentsMd !== undefined) user.push(c.agentsMd);
  if (c.includeEnvironment) user.push(environmentContext(c));
  if (user.length > 0) items.push(message('user', user));
  for (const extra of c.extraDeveloperMessages ?? []) items.push(message('developer', [extra]));
  return items;
}

const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'UCT',
  'Etc/UCT',
  'GMT',
  'Etc/GMT',
  'GMT0',
  'Etc/GMT0',
  'Etc/GMT+0',
  'Etc/GMT-0',
  'Universal',
  'Etc/Universal',
  'Zulu',
  'Etc/Zulu',
  'Greenwich',
  'Etc/Greenwich',
]);

/** Current date (YYYY-MM-DD) in an IANA time zone. */
export function dateIn(nowMs: number, timeZone: string): string {
  // UTC needs no ICU (whose first use costs ~10 ms of start-up).
  if (UTC_ZONES.has(timeZone)) return new Date(nowMs).toISOString().slice(0, 10);
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(nowMs));
    return parts;
  } catch {
    return new Date(nowMs).toISOString().slice(0, 10);
  }
}
