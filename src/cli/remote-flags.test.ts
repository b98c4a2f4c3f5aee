import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/helpers/paths.js';
import { isHexecError } from '../errors/index.js';
import { refuseRemoteFlags } from './remote-flags.js';

interface Case {
  readonly remote?: string;
  readonly tokenEnv?: string;
  readonly verdict: 'accepted' | 'rejected';
  readonly message?: string;
}
interface ResumeCase {
  readonly args: readonly string[];
  readonly verdict: 'accepted' | 'rejected';
  readonly message?: string;
}

const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/codex-0.171/remote-flags.json'), 'utf8')) as {
  cases: Case[];
  resume: ResumeCase[];
};
const VARS = { TOKEN_SET: 'abc', TOKEN_EMPTY: '', TOKEN_SPACE: ' ' };
const NOT_SUPPORTED = /^--remote is not supported: hexec runs locally/;

function messageOf(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    assert.ok(isHexecError(e) && e.exitCode === 2, `a usage error (exit 2), got ${String(e)}`);
    return e.message;
  }
  return '(accepted)';
}

test('--remote / --remote-auth-token-env: codex 0.171 verdict and text for every captured case', () => {
  assert.ok(fixture.cases.length > 40);
  for (const c of fixture.cases) {
    const got = messageOf(() => refuseRemoteFlags({ remote: c.remote, remoteAuthTokenEnv: c.tokenEnv }, VARS));
    const what = JSON.stringify(c);
    if (c.verdict === 'rejected') assert.equal(got, c.message, what);
    else assert.match(got, NOT_SUPPORTED, what);
  }
});

test('exec resume --remote needs a thread UUID, after the address and token checks (codex 0.171)', () => {
  for (const c of fixture.resume) {
    const remote = c.args[c.args.indexOf('--remote') + 1];
    const id = c.args[1] === '--last' ? undefined : c.args[1];
    const got = messageOf(() => refuseRemoteFlags({ remote }, VARS, { sessionId: id }));
    if (c.verdict === 'rejected') assert.equal(got, c.message, JSON.stringify(c));
    else assert.match(got, NOT_SUPPORTED);
  }
  const order = messageOf(() =>
    refuseRemoteFlags({ remote: 'ws://127.0.0.1:1', remoteAuthTokenEnv: 'NOT_SET' }, VARS, { sessionId: undefined }),
  );
  assert.equal(order, 'environment variable `NOT_SET` is not set');
});

test('no remote flag: nothing to refuse', () => {
  assert.equal(
    messageOf(() => refuseRemoteFlags({}, VARS)),
    '(accepted)',
  );
});
