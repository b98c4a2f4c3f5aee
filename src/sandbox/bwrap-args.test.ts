import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BWRAP_ENV_FD, BWRAP_SECCOMP_FD, buildBwrapArgs, buildBwrapPlan, envArgsData } from './bwrap-args.js';
import { seccompProgram } from './seccomp-policy.js';
import { canWrite } from './can-write.js';
import { fakeFs } from './fake-fs.test-helper.js';
import { DANGER_FULL_ACCESS_POLICY, READ_ONLY_POLICY, workspaceWritePolicy } from './sandbox-policy.js';

const WS = '/work/ws';
const fs = fakeFs({ dirs: [WS, `${WS}/.git`, '/tmp', '/opt/extra', '/var/tmp/run'] });
const base = {
  cwd: WS,
  argv: ['echo', 'hi'],
  env: { PATH: '/usr/bin', B: '2', A: '1' },
  fs,
  seccompArch: 'x86_64' as const,
};

/** The values following each occurrence of `flag`. */
function pairs(args: readonly string[], flag: string, n = 2): string[][] {
  const out: string[][] = [];
  args.forEach((a, i) => {
    if (a === flag) out.push(args.slice(i + 1, i + 1 + n));
  });
  return out;
}

test('read-only: whole root read-only, no binds, network off, namespaces, fresh /proc, minimal /dev', () => {
  const a = buildBwrapArgs(READ_ONLY_POLICY, base);
  assert.deepEqual(a.slice(0, 12), [
    '--new-session',
    '--die-with-parent',
    '--unshare-user',
    '--disable-userns',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--hostname',
    'hexec-sandbox',
    '--unshare-cgroup-try',
    '--cap-drop',
    'ALL',
  ]);
  assert.ok(a.includes('--unshare-net'));
  assert.deepEqual(pairs(a, '--ro-bind'), [['/', '/']]);
  assert.deepEqual(pairs(a, '--bind'), []);
  assert.ok(!a.includes('--tmpfs'));
  assert.deepEqual(pairs(a, '--dev', 1), [['/dev']]);
  assert.deepEqual(pairs(a, '--proc', 1), [['/proc']]);
  const tail = a.slice(a.indexOf('--args'));
  assert.deepEqual(tail, ['--args', '3', '--seccomp', '4', '--chdir', WS, '--', 'echo', 'hi']);
});

test('workspace-write: cwd, extra roots, $TMPDIR writable; private /tmp first; .git protected; .codex placeholder', () => {
  const p = workspaceWritePolicy({ writableRoots: ['/opt/extra'] });
  const a = buildBwrapArgs(p, { ...base, tmpdir: '/var/tmp/run' });
  assert.ok(a.includes('--unshare-net'));
  assert.deepEqual(pairs(a, '--bind'), [
    ['/work/ws', '/work/ws'],
    ['/opt/extra', '/opt/extra'],
    ['/var/tmp/run', '/var/tmp/run'],
  ]);
  assert.deepEqual(pairs(a, '--ro-bind'), [
    ['/', '/'],
    [`${WS}/.git`, `${WS}/.git`],
    ['/dev/null', `${WS}/.codex`],
  ]);
  const idx = (x: string, from = 0): number => a.indexOf(x, from);
  assert.ok(
    idx('--tmpfs') > idx('--ro-bind') && idx('--tmpfs') < idx('--bind'),
    'tmpfs /tmp after / and before the binds',
  );
  assert.ok(idx(`${WS}/.git`) > a.lastIndexOf('--bind'), 'protections after every writable bind');
  assert.ok(idx('--dev') > a.lastIndexOf('--ro-bind') && idx('--proc') > idx('--dev'), '/dev and /proc on top');
});

test('workspace-write with network_access drops --unshare-net only', () => {
  const on = buildBwrapArgs(workspaceWritePolicy({ networkAccess: true }), base);
  const off = buildBwrapArgs(workspaceWritePolicy({ networkAccess: false }), base);
  assert.ok(!on.includes('--unshare-net'));
  assert.deepEqual(
    off.filter((x) => x !== '--unshare-net'),
    on,
  );
});

test('exclude_slash_tmp and exclude_tmpdir_env_var remove /tmp and $TMPDIR', () => {
  const a = buildBwrapArgs(workspaceWritePolicy({ excludeSlashTmp: true, excludeTmpdirEnvVar: true }), {
    ...base,
    tmpdir: '/var/tmp/run',
  });
  assert.ok(!a.includes('--tmpfs'));
  assert.deepEqual(pairs(a, '--bind'), [[WS, WS]]);
});

test('a workspace under /tmp is bound after the private /tmp (else the tmpfs would hide it)', () => {
  const f = fakeFs({ dirs: ['/tmp/ws/.git'] });
  const a = buildBwrapArgs(workspaceWritePolicy(), { ...base, cwd: '/tmp/ws', fs: f });
  const t = a.indexOf('--tmpfs');
  const b = a.indexOf('--bind');
  assert.ok(t !== -1 && b > t);
  assert.deepEqual(a.slice(b, b + 3), ['--bind', '/tmp/ws', '/tmp/ws']);
});

test('tmpBind mounts a host dir on /tmp; tmpfs size is passed before --tmpfs', () => {
  const a = buildBwrapArgs(workspaceWritePolicy(), { ...base, tmpBind: '/var/tmp/run' });
  assert.deepEqual(pairs(a, '--bind')[0], ['/var/tmp/run', '/tmp']);
  const s = buildBwrapArgs(workspaceWritePolicy(), { ...base, tmpfsSizeBytes: 1024 });
  const i = s.indexOf('--size');
  assert.deepEqual(s.slice(i, i + 4), ['--size', '1024', '--tmpfs', '/tmp']);
});

test('roots nested in each other are bound parent first; a root inside .git stays protected', () => {
  const f = fakeFs({ dirs: [`${WS}/.git/hooks`, `${WS}/sub`] });
  const p = workspaceWritePolicy({ writableRoots: [`${WS}/sub`, `${WS}/.git/hooks`] });
  const a = buildBwrapArgs(p, { ...base, fs: f });
  const binds = pairs(a, '--bind').map((x) => x[0]);
  assert.deepEqual(binds, [WS, `${WS}/sub`, `${WS}/.git/hooks`]);
  assert.ok(a.lastIndexOf(`${WS}/.git`) > a.lastIndexOf('--bind'));
  assert.equal(canWrite(p, `${WS}/.git/hooks/pre-commit`, { cwd: WS, fs: f }), false);
  assert.equal(canWrite(p, `${WS}/sub/x`, { cwd: WS, fs: f }), true);
});

test('gitdir pointer file: the file and its resolved target are read-only', () => {
  const f = fakeFs({
    dirs: [WS, '/repo/.git/worktrees/ws'],
    files: { [`${WS}/.git`]: 'gitdir: /repo/.git/worktrees/ws\n' },
  });
  const a = buildBwrapArgs(workspaceWritePolicy(), { ...base, fs: f });
  const ro = pairs(a, '--ro-bind').map((x) => x[1]);
  assert.ok(ro.includes(`${WS}/.git`) && ro.includes('/repo/.git/worktrees/ws'));
});

test('relative gitdir pointers resolve against the root', () => {
  const f = fakeFs({
    dirs: ['/m/sub', '/m/.git/modules/sub'],
    files: { '/m/sub/.git': 'gitdir: ../.git/modules/sub' },
  });
  const plan = buildBwrapPlan(workspaceWritePolicy(), { ...base, cwd: '/m/sub', fs: f });
  assert.ok(plan.layout.protectedPaths.includes('/m/.git/modules/sub'));
});

test('.agents and .codex directories are protected; a symlinked .git protects its target', () => {
  const f = fakeFs({
    dirs: [`${WS}/.agents`, `${WS}/.codex`, '/elsewhere/gitdir'],
    links: { [`${WS}/.git`]: '/elsewhere/gitdir' },
  });
  const plan = buildBwrapPlan(workspaceWritePolicy(), { ...base, fs: f });
  assert.deepEqual([...plan.layout.protectedPaths].sort(), ['/elsewhere/gitdir', `${WS}/.agents`, `${WS}/.codex`]);
  assert.deepEqual(plan.layout.placeholders, []);
});

test('missing .codex gets a /dev/null placeholder only in the cwd root', () => {
  const plan = buildBwrapPlan(workspaceWritePolicy({ writableRoots: ['/opt/extra'] }), base);
  assert.deepEqual(plan.layout.placeholders, [`${WS}/.codex`]);
});

test('symlinked roots are bound at their real path; missing roots are skipped; duplicates merged', () => {
  const f = fakeFs({ dirs: ['/real/ws', '/work'], links: { '/work/link': '/real/ws' } });
  const p = workspaceWritePolicy({ writableRoots: ['/does/not/exist', '/real/ws'] });
  const a = buildBwrapArgs(p, { ...base, cwd: '/work/link', fs: f });
  assert.deepEqual(pairs(a, '--bind'), [['/real/ws', '/real/ws']]);
  assert.deepEqual(pairs(a, '--chdir', 1), [['/real/ws']]);
});

test('procMode hidden covers /proc with an empty tmpfs instead of mounting proc', () => {
  const a = buildBwrapArgs(READ_ONLY_POLICY, { ...base, procMode: 'hidden' });
  assert.ok(!a.includes('--proc'));
  assert.deepEqual(pairs(a, '--tmpfs', 1), [['/proc']]);
});

test('danger-full-access never builds bwrap args', () => {
  assert.throws(() => buildBwrapArgs(DANGER_FULL_ACCESS_POLICY, base));
});

test('the command argv follows -- verbatim (no shell interpretation)', () => {
  const a = buildBwrapArgs(READ_ONLY_POLICY, { ...base, argv: ['--help', '$(x)', ''] });
  assert.deepEqual(a.slice(a.lastIndexOf('--') + 1), ['--help', '$(x)', '']);
});

test('canWrite mirrors the mounts: roots yes, outside/protected/read-only no, symlinks resolved', () => {
  const f = fakeFs({
    dirs: [WS, `${WS}/.git`, '/outside'],
    links: { [`${WS}/out`]: '/outside', [`${WS}/dangling`]: '/outside/new.txt', [`${WS}/in`]: `${WS}/sub` },
  });
  const p = workspaceWritePolicy();
  const ctx = { cwd: WS, fs: f };
  assert.equal(canWrite(p, `${WS}/a.txt`, ctx), true);
  assert.equal(canWrite(p, `${WS}/new/dir/a.txt`, ctx), true);
  assert.equal(canWrite(p, `${WS}/.git/config`, ctx), false);
  assert.equal(canWrite(p, `${WS}/.codex/config.toml`, ctx), false);
  assert.equal(canWrite(p, '/outside/x', ctx), false);
  assert.equal(canWrite(p, `${WS}/out/x`, ctx), false, 'symlink to outside');
  assert.equal(canWrite(p, `${WS}/dangling`, ctx), false, 'dangling symlink to outside');
  assert.equal(canWrite(p, '/tmp/x', ctx), false, '/tmp is private to commands');
  assert.equal(canWrite(p, 'relative.txt', ctx), false);
  assert.equal(canWrite(READ_ONLY_POLICY, `${WS}/a.txt`, ctx), false);
  assert.equal(canWrite(DANGER_FULL_ACCESS_POLICY, '/outside/x', ctx), true);
});

test('identity: --uid/--gid with the namespace flags, passwd/group bound read-only after every writable mount', () => {
  const identity = { uid: 1000, gid: 1000, passwdFile: '/run/h/passwd', groupFile: '/run/h/group' };
  const a = buildBwrapArgs(workspaceWritePolicy({}), { ...base, identity });
  assert.deepEqual(pairs(a, '--uid', 1), [['1000']]);
  assert.deepEqual(pairs(a, '--gid', 1), [['1000']]);
  assert.ok(a.indexOf('--uid') < a.indexOf('--ro-bind'), 'uid is a namespace option');
  const ro = pairs(a, '--ro-bind');
  assert.deepEqual(ro.slice(-2), [
    ['/run/h/passwd', '/etc/passwd'],
    ['/run/h/group', '/etc/group'],
  ]);
  assert.ok(a.indexOf('/run/h/passwd') > a.lastIndexOf('--bind'));
  const plain = buildBwrapArgs(workspaceWritePolicy({}), base);
  assert.ok(!plain.includes('--uid') && !plain.includes('/etc/passwd'), 'no identity: the host user');
});

test('the environment goes through --args on a descriptor, never on the command line', () => {
  const env = { DB_PASSWORD: 'hunter2-value', PATH: '/usr/bin', EMPTY: '', 'WITH SPACE': 'a b\nc' };
  const plan = buildBwrapPlan(workspaceWritePolicy(), { ...base, env });
  for (const v of Object.values(env).filter((x) => x !== '')) {
    assert.ok(!plan.args.some((a) => a.includes(v)), `${v} is on the command line`);
  }
  assert.ok(!plan.args.includes('--setenv') && !plan.args.includes('--clearenv'));
  assert.deepEqual(pairs(plan.args, '--args', 1), [[String(BWRAP_ENV_FD)]]);
  assert.equal(plan.inputFds.length, 2);
  const words = (plan.inputFds[0] as Buffer).toString('utf8').split('\0');
  assert.equal(words.pop(), '', 'every word is NUL-terminated');
  assert.deepEqual(words, [
    '--clearenv',
    '--setenv',
    'DB_PASSWORD',
    'hunter2-value',
    '--setenv',
    'EMPTY',
    '',
    '--setenv',
    'PATH',
    '/usr/bin',
    '--setenv',
    'WITH SPACE',
    'a b\nc',
  ]);
  assert.deepEqual(envArgsData({}).toString('utf8'), '--clearenv\0');
});

test('every sandboxed mode gets its seccomp program on --seccomp 4, the one of its network setting', () => {
  const cases = [
    [READ_ONLY_POLICY, 'network-off'],
    [workspaceWritePolicy(), 'network-off'],
    [workspaceWritePolicy({ networkAccess: true }), 'network-on'],
  ] as const;
  for (const [policy, profile] of cases) {
    const plan = buildBwrapPlan(policy, { ...base, seccompArch: 'aarch64' });
    assert.deepEqual(pairs(plan.args, '--seccomp', 1), [[String(BWRAP_SECCOMP_FD)]]);
    assert.ok(plan.args.indexOf('--seccomp') < plan.args.indexOf('--'));
    assert.deepEqual(plan.inputFds[BWRAP_SECCOMP_FD - 3], seccompProgram(profile, 'aarch64'));
  }
});
