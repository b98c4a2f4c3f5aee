import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SpawnRequest, SpawnResult } from '../../exec/index.js';
import { planBwrap, prepareBwrap, type BwrapHost, type BwrapPlan } from './bwrap-prep.js';

/** A fresh ubuntu-24.04 hosted runner: no bwrap, userns allowed, AppArmor restriction on. */
const UBUNTU_2404: BwrapHost = {
  platform: 'linux',
  runnerEnvironment: 'github-hosted',
  sandbox: 'workspace-write',
  bwrap: undefined,
  sysctls: { 'kernel.unprivileged_userns_clone': '1', 'kernel.apparmor_restrict_unprivileged_userns': '1' },
};

function steps(p: BwrapPlan): string[] {
  return p.kind === 'skip' ? [] : p.steps.map((s) => s.argv.join(' '));
}

test('hosted Ubuntu 24.04: install bubblewrap, lift the AppArmor restriction, leave the rest', () => {
  assert.deepEqual(steps(planBwrap(UBUNTU_2404)), [
    'apt-get install -y -q --no-install-recommends bubblewrap',
    'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
  ]);
  const debianLike = { ...UBUNTU_2404, sysctls: { 'kernel.unprivileged_userns_clone': '0' }, bwrap: '/usr/bin/bwrap' };
  assert.deepEqual(steps(planBwrap(debianLike)), ['sysctl -w kernel.unprivileged_userns_clone=1']);
  const ready = planBwrap({ ...UBUNTU_2404, bwrap: '/usr/bin/bwrap', sysctls: {} });
  assert.equal(ready.kind, 'prepare');
  assert.deepEqual(steps(ready), [], 'nothing to do when bwrap is there and no knob restricts it');
});

test('nothing is changed on self-hosted runners, off Linux, or without a sandbox', () => {
  for (const [host, why] of [
    [
      { ...UBUNTU_2404, runnerEnvironment: 'self-hosted' },
      /not a GitHub-hosted runner \(RUNNER_ENVIRONMENT=self-hosted\)/,
    ],
    [{ ...UBUNTU_2404, runnerEnvironment: undefined }, /RUNNER_ENVIRONMENT=unset/],
    [{ ...UBUNTU_2404, platform: 'darwin' }, /darwin runner/],
    [{ ...UBUNTU_2404, sandbox: 'danger-full-access' }, /needs no bubblewrap/],
  ] as const) {
    const p = planBwrap(host);
    assert.equal(p.kind, 'skip');
    assert.match(p.kind === 'skip' ? p.why : '', why);
  }
});

function recorder(fail: (argv: string) => boolean): {
  run: (r: SpawnRequest) => Promise<SpawnResult>;
  seen: string[];
} {
  const seen: string[] = [];
  return {
    seen,
    run: (r) => {
      const argv = [r.program, ...r.args].join(' ');
      seen.push(argv);
      const bad = fail(argv);
      return Promise.resolve({
        exitCode: bad ? 100 : 0,
        signal: null,
        stdout: '',
        stderr: bad ? 'E: Unable to locate package bubblewrap\n' : '',
        output: '',
        timedOut: false,
        aborted: false,
        truncated: false,
        durationMs: 1,
      });
    },
  };
}

test('steps run through sudo -n; an apt install that fails is retried after apt-get update; failures become warnings', async () => {
  const plan = planBwrap(UBUNTU_2404);
  let installs = 0;
  const rec = recorder((argv) => argv.includes('install') && installs++ === 0);
  const logs: string[] = [];
  const warnings = await prepareBwrap(plan, {
    root: false,
    run: rec.run,
    cwd: '/ws',
    env: {},
    log: (l) => logs.push(l),
  });
  assert.deepEqual(rec.seen, [
    'sudo -n apt-get install -y -q --no-install-recommends bubblewrap',
    'sudo -n apt-get update -q',
    'sudo -n apt-get install -y -q --no-install-recommends bubblewrap',
    'sudo -n sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
  ]);
  assert.deepEqual(warnings, []);
  assert.match(logs.join('\n'), /preparing bubblewrap: AppArmor restricts unprivileged user namespaces/);

  const refused = recorder(() => true);
  const w = await prepareBwrap(plan, { root: true, run: refused.run, cwd: '/ws', env: {}, log: () => undefined });
  assert.equal(refused.seen[0], 'apt-get install -y -q --no-install-recommends bubblewrap', 'as root: no sudo');
  assert.equal(w.length, 2);
  assert.match(w[0] ?? '', /could not prepare bubblewrap .*Unable to locate package bubblewrap.*exit 5/);
});
