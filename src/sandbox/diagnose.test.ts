import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseProbeFailure, MISSING_BWRAP_DIAGNOSIS, unsupportedArchDiagnosis } from './diagnose.js';

const facts = (stderr: string, inContainer = false) => ({
  stderr,
  exitCode: 1,
  inContainer,
  bwrapPath: '/usr/bin/bwrap',
});

test('missing bwrap names the package and the escape hatch', () => {
  assert.match(MISSING_BWRAP_DIAGNOSIS, /apt-get install bubblewrap/);
  assert.match(MISSING_BWRAP_DIAGNOSIS, /-s danger-full-access/);
});

test('namespace permission errors point at the sysctls and AppArmor', () => {
  for (const s of [
    'bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces.',
    'bwrap: setting up uid map: Permission denied',
  ]) {
    const d = diagnoseProbeFailure(facts(s));
    assert.match(d, /kernel\.unprivileged_userns_clone=1/);
    assert.match(d, /kernel\.apparmor_restrict_unprivileged_userns=0/);
    assert.match(d, /AppArmor profile/);
    assert.doesNotMatch(d, /seccomp=unconfined/);
  }
});

test('inside a container the advice adds the docker flags', () => {
  const d = diagnoseProbeFailure(facts('bwrap: No permissions to create a new namespace', true));
  assert.match(d, /--security-opt seccomp=unconfined/);
  assert.match(d, /--privileged/);
  assert.match(d, /-s danger-full-access/);
});

test('old bwrap, loopback, mount and proc failures are told apart', () => {
  assert.match(diagnoseProbeFailure(facts('bwrap: Unknown option --disable-userns')), />= 0\.8\.0/);
  assert.match(diagnoseProbeFailure(facts('bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted')), /loopback/);
  assert.match(diagnoseProbeFailure(facts('bwrap: Failed to make / slave: Permission denied')), /CAP_SYS_ADMIN/);
  assert.match(
    diagnoseProbeFailure(facts("bwrap: Can't mount proc on /newroot/proc: Invalid argument")),
    /\/proc cannot be mounted/,
  );
  const other = diagnoseProbeFailure({ ...facts(''), exitCode: 3 });
  assert.match(other, /code 3/);
});

test('a kernel refusing the seccomp filter, and an architecture without a syscall table, are exit-5 diagnoses', () => {
  const d = diagnoseProbeFailure(
    facts(
      'bwrap: Unable to set up system call filtering as requested: prctl(PR_SET_SECCOMP) reported EINVAL. (Hint: this requires a kernel configured with CONFIG_SECCOMP and CONFIG_SECCOMP_FILTER.)',
    ),
  );
  assert.match(d, /CONFIG_SECCOMP_FILTER/);
  assert.match(d, /-s danger-full-access/);
  const a = unsupportedArchDiagnosis('riscv64');
  assert.match(a, /riscv64/);
  assert.match(a, /x86_64.*aarch64|aarch64/);
  assert.match(a, /-s danger-full-access/);
});
