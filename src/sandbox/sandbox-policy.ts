/**
 * The three sandbox modes of codex exec 0.169, as values. `workspace-write` lists the
 * extra writable roots (`--add-dir` and `sandbox_workspace_write.writable_roots`); the cwd,
 * `/tmp` and `$TMPDIR` are added at launch time from the command's context.
 */
export type SandboxPolicy =
  | { readonly mode: 'read-only' }
  | {
      readonly mode: 'workspace-write';
      /** Absolute paths: `--add-dir` dirs and `sandbox_workspace_write.writable_roots`. */
      readonly writableRoots: readonly string[];
      readonly networkAccess: boolean;
      readonly excludeTmpdirEnvVar: boolean;
      readonly excludeSlashTmp: boolean;
    }
  | { readonly mode: 'danger-full-access' };

export type SandboxModeName = SandboxPolicy['mode'];

export const READ_ONLY_POLICY: SandboxPolicy = Object.freeze({ mode: 'read-only' });
export const DANGER_FULL_ACCESS_POLICY: SandboxPolicy = Object.freeze({ mode: 'danger-full-access' });

export function workspaceWritePolicy(
  fields: Partial<Omit<Extract<SandboxPolicy, { mode: 'workspace-write' }>, 'mode'>> = {},
): SandboxPolicy {
  return Object.freeze({
    mode: 'workspace-write',
    writableRoots: Object.freeze([...(fields.writableRoots ?? [])]),
    networkAccess: fields.networkAccess ?? false,
    excludeTmpdirEnvVar: fields.excludeTmpdirEnvVar ?? false,
    excludeSlashTmp: fields.excludeSlashTmp ?? false,
  });
}

/** Whether commands under this policy may use the network. */
export function networkAllowed(policy: SandboxPolicy): boolean {
  switch (policy.mode) {
    case 'read-only':
      return false;
    case 'workspace-write':
      return policy.networkAccess;
    case 'danger-full-access':
      return true;
  }
}

/** Names of the sub-directories of a writable root that stay read-only. */
export const PROTECTED_NAMES = ['.git', '.codex', '.agents'] as const;

/** The value codex puts in CODEX_PERMISSION_PROFILE (`:read-only` observed in 0.169). */
export function permissionProfileName(policy: SandboxPolicy): string {
  return `:${policy.mode}`;
}
