/**
 * Turns a failed bwrap probe into a diagnosis a CI user can act on. Pure: the caller
 * supplies what the probe printed and whether we run inside a container.
 */
export interface ProbeFacts {
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly spawnError?: string;
  readonly inContainer: boolean;
  readonly bwrapPath: string;
}

const ESCAPE_HATCH =
  'If this runner is already an isolated, disposable container, run with `-s danger-full-access` ' +
  '(hexec then runs commands without a sandbox; it never does so on its own).';

export const MISSING_BWRAP_DIAGNOSIS = [
  'sandbox unavailable: bubblewrap (`bwrap`) was not found on PATH (directories inside the working directory are not searched).',
  'Install it: `apt-get install bubblewrap` (Debian/Ubuntu), `dnf install bubblewrap` (Fedora/RHEL), `apk add bubblewrap` (Alpine), `pacman -S bubblewrap` (Arch).',
  ESCAPE_HATCH,
].join('\n');

export function unsupportedArchDiagnosis(arch: string): string {
  return [
    `sandbox unavailable: hexec has no seccomp filter for this architecture (${arch}); it knows x64 (x86_64) and arm64 (aarch64).`,
    "Without the filter, commands could connect to the host's unix sockets (e.g. /var/run/docker.sock).",
    ESCAPE_HATCH,
  ].join('\n');
}

function containerAdvice(inContainer: boolean): string[] {
  if (!inContainer) return [];
  return [
    "This looks like a container: Docker's default seccomp and AppArmor profiles forbid creating namespaces. " +
      'Start the container with `--security-opt seccomp=unconfined --security-opt apparmor=unconfined` ' +
      '(or a seccomp profile that allows clone/unshare of user namespaces), or with `--privileged`.',
  ];
}

function firstLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '');
  return line === undefined ? '(no output)' : line.trim();
}

export function diagnoseProbeFailure(f: ProbeFacts): string {
  const head = `sandbox unavailable: \`${f.bwrapPath}\` could not create the sandbox`;
  const said = f.spawnError !== undefined ? f.spawnError : firstLine(f.stderr);
  const out: string[] = [`${head}: ${said}`];
  const s = f.stderr;
  if (f.spawnError !== undefined) {
    out.push('Check that the file is an executable bubblewrap binary, or install it: `apt-get install bubblewrap`.');
  } else if (/Unknown option|unrecognized option/i.test(s)) {
    out.push(
      'This bubblewrap is too old: hexec needs bubblewrap >= 0.8.0 (for --disable-userns). Upgrade the `bubblewrap` package.',
    );
  } else if (
    /No permissions to create (a )?new namespace|setting up uid map|uid map|Creating new namespace failed|unshare.*(Operation not permitted|Permission denied)|clone.*(Operation not permitted|Permission denied)/i.test(
      s,
    )
  ) {
    out.push(
      'Unprivileged user namespaces are disabled on this host. Enable them:',
      '  sysctl -w kernel.unprivileged_userns_clone=1            (Debian/older Ubuntu kernels)',
      '  sysctl -w kernel.apparmor_restrict_unprivileged_userns=0   (Ubuntu 23.10+ AppArmor restriction),',
      '  or install an AppArmor profile that grants `userns` to /usr/bin/bwrap;',
      '  check also user.max_user_namespaces > 0.',
      ...containerAdvice(f.inContainer),
    );
  } else if (/RTM_NEWADDR|RTM_NEWLINK|loopback/i.test(s)) {
    out.push(
      'bwrap could not set up the loopback interface of the private network namespace.',
      ...containerAdvice(f.inContainer),
    );
  } else if (/seccomp/i.test(s)) {
    out.push(
      "The kernel refused the sandbox's seccomp filter: hexec needs a kernel built with CONFIG_SECCOMP_FILTER.",
      ...containerAdvice(f.inContainer),
    );
  } else if (/Can't mount proc/i.test(s)) {
    out.push('A fresh /proc cannot be mounted here, not even with /proc hidden.', ...containerAdvice(f.inContainer));
  } else if (/make \/ slave|Failed to make|mount.*Permission denied|Operation not permitted/i.test(s)) {
    out.push(
      'bwrap is not allowed to set up mounts (typical of containers without CAP_SYS_ADMIN on overlayfs).',
      ...containerAdvice(f.inContainer),
    );
  } else {
    out.push(
      `bwrap exited with ${f.exitCode === null ? 'a signal' : `code ${f.exitCode}`}.`,
      ...containerAdvice(f.inContainer),
    );
  }
  out.push(ESCAPE_HATCH);
  return out.join('\n');
}
