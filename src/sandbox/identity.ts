import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Who a sandboxed command is. bwrap maps the host user to `uid`/`gid` in the command's
 * user namespace, and the two files are bind-mounted over /etc/passwd and /etc/group so
 * that `id -un`, `whoami`, `ls -l` and git's default identity name this user, not the
 * host's. Used by hermetic runs (files the host user owns appear owned by `user`).
 */
export interface SandboxIdentity {
  readonly uid: number;
  readonly gid: number;
  /** Host file mounted at /etc/passwd. */
  readonly passwdFile: string;
  /** Host file mounted at /etc/group. */
  readonly groupFile: string;
}

export interface IdentitySpec {
  readonly uid: number;
  readonly gid: number;
  readonly user: string;
  readonly group: string;
  readonly home: string;
  readonly shell: string;
}

/** The identity of hermetic commands. */
export const HERMETIC_IDENTITY: IdentitySpec = Object.freeze({
  uid: 1000,
  gid: 1000,
  user: 'hexec',
  group: 'hexec',
  home: '/tmp/home',
  shell: '/bin/bash',
});

/** /etc/passwd of the sandbox: root, the command's user, nobody. */
export function passwdText(s: IdentitySpec): string {
  return [
    'root:x:0:0:root:/root:/usr/sbin/nologin',
    `${s.user}:x:${s.uid}:${s.gid}:${s.user}:${s.home}:${s.shell}`,
    'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
    '',
  ].join('\n');
}

/** /etc/group of the sandbox: root, the command's group, nogroup. */
export function groupText(s: IdentitySpec): string {
  return ['root:x:0:', `${s.group}:x:${s.gid}:`, 'nogroup:x:65534:', ''].join('\n');
}

/** Writes passwd and group into `dir` (created) and returns the identity for bwrap. */
export function writeIdentityFiles(dir: string, s: IdentitySpec): SandboxIdentity {
  mkdirSync(dir, { recursive: true });
  const passwdFile = join(dir, 'passwd');
  const groupFile = join(dir, 'group');
  writeFileSync(passwdFile, passwdText(s), { mode: 0o644 });
  writeFileSync(groupFile, groupText(s), { mode: 0o644 });
  return { uid: s.uid, gid: s.gid, passwdFile, groupFile };
}
