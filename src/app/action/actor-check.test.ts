import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkActor, type ActorCheckRequest } from './actor-check.js';

/** A local stand-in for the GitHub REST API: permission per user, 404 for strangers. */
async function fakeGitHub(perms: Record<string, string>): Promise<{ server: Server; url: string; calls: string[] }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    calls.push(`${req.url ?? ''} ${req.headers['authorization'] ?? ''}`);
    const m = /^\/repos\/o\/r\/collaborators\/([^/]+)\/permission$/.exec(req.url ?? '');
    const perm = m !== null ? perms[decodeURIComponent(m[1] ?? '')] : undefined;
    if (perm === undefined) {
      res.writeHead(404).end('{"message":"Not Found"}');
      return;
    }
    res
      .writeHead(perm === '500' ? 500 : 200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ permission: perm }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

test('permission levels, allow lists and bots', async () => {
  const gh = await fakeGitHub({
    alice: 'write',
    bob: 'read',
    carol: 'admin',
    dave: 'maintain',
    erin: 'triage',
    boom: '500',
  });
  try {
    const base: ActorCheckRequest = {
      actor: 'alice',
      repository: 'o/r',
      apiUrl: `${gh.url}/`,
      token: 'tok',
      allowUsers: '',
      allowBots: false,
      allowBotUsers: '',
    };
    const status = async (over: Partial<ActorCheckRequest>): Promise<string> => {
      const d = await checkActor({ ...base, ...over });
      return d.status === 'approved' ? `ok: ${d.why}` : `no: ${d.reason}`;
    };
    assert.equal(await status({}), "ok: permission 'write'");
    assert.equal(await status({ actor: 'carol' }), "ok: permission 'admin'");
    assert.equal(await status({ actor: 'dave' }), "ok: permission 'maintain'");
    assert.match(await status({ actor: 'bob' }), /no: 'bob' needs write access to o\/r; their permission is 'read'/);
    assert.match(await status({ actor: 'erin' }), /permission is 'triage'/);
    assert.match(await status({ actor: 'mallory' }), /no: 'mallory' is not a collaborator on o\/r/);
    assert.match(await status({ actor: 'boom' }), /GitHub API answered HTTP 500/);
    assert.equal(gh.calls[0], '/repos/o/r/collaborators/alice/permission Bearer tok');
    const before = gh.calls.length;
    assert.equal(await status({ actor: 'Bob', allowUsers: 'x, bob ' }), 'ok: listed in allow-users');
    assert.equal(await status({ actor: 'mallory', allowUsers: '*' }), "ok: allow-users is '*'");
    assert.equal(
      await status({ actor: 'github-actions[bot]', allowBots: true }),
      'ok: trusted GitHub bot (allow-bots)',
    );
    assert.equal(await status({ actor: 'renovate[bot]', allowBotUsers: 'renovate' }), 'ok: listed in allow-bot-users');
    assert.equal(
      await status({ actor: 'renovate[bot]', allowBotUsers: 'Renovate[bot]' }),
      'ok: listed in allow-bot-users',
    );
    assert.equal(gh.calls.length, before, 'allow lists need no API call');
    assert.match(await status({ actor: 'evil[bot]', allowBots: true }), /not a collaborator/);
    assert.match(
      await status({ actor: 'renovate', allowBotUsers: 'renovate' }),
      /not a collaborator/,
      'a human named like a bot is not the bot',
    );
    assert.match(await status({ actor: 'github-actions[bot]' }), /not a collaborator/, 'bots need allow-bots');
  } finally {
    gh.server.close();
  }
});

test('missing context is a rejection that says what is missing', async () => {
  const base: ActorCheckRequest = {
    actor: 'a',
    repository: 'o/r',
    apiUrl: 'http://127.0.0.1:9',
    token: undefined,
    allowUsers: '',
    allowBots: false,
    allowBotUsers: '',
  };
  const reason = async (over: Partial<ActorCheckRequest>): Promise<string> => {
    const d = await checkActor({ ...base, ...over });
    assert.equal(d.status, 'rejected');
    return d.status === 'rejected' ? d.reason : '';
  };
  assert.match(await reason({}), /a GitHub token is required/);
  assert.match(await reason({ actor: undefined }), /GITHUB_ACTOR is not set/);
  assert.match(await reason({ repository: 'nope' }), /must be 'owner\/repo'/);
  assert.match(await reason({ repository: 'a/b/c' }), /must be 'owner\/repo'/);
  assert.match(await reason({ token: 't' }), /could not check 'a' on o\/r/);
});
