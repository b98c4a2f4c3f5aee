/**
 * Who may trigger the agent: the actor needs write, maintain or admin permission on the
 * repository (GitHub REST: GET /repos/{owner}/{repo}/collaborators/{user}/permission at
 * GITHUB_API_URL), unless `allow-users` lists them (or is '*'), or they are
 * github-actions[bot] with `allow-bots`, or a bot named in `allow-bot-users`.
 */
export interface ActorCheckRequest {
  readonly actor: string | undefined;
  readonly repository: string | undefined;
  readonly apiUrl: string;
  readonly token: string | undefined;
  readonly allowUsers: string;
  readonly allowBots: boolean;
  readonly allowBotUsers: string;
}

export type ActorDecision =
  | { readonly status: 'approved'; readonly actor: string; readonly why: string }
  | { readonly status: 'rejected'; readonly actor: string; readonly reason: string };

const TRUSTED_BOTS = new Set(['github-actions[bot]']);
const WRITE_LEVELS = new Set(['admin', 'maintain', 'write']);

function botName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith('[bot]') ? n : `${n}[bot]`;
}

export async function checkActor(req: ActorCheckRequest): Promise<ActorDecision> {
  const actor = req.actor?.trim() ?? '';
  if (actor === '')
    return {
      status: 'rejected',
      actor: '<unknown>',
      reason: 'GITHUB_ACTOR is not set; cannot tell who triggered the run.',
    };
  const [owner, repo, extra] = (req.repository ?? '').split('/');
  if (owner === undefined || owner === '' || repo === undefined || repo === '' || extra !== undefined) {
    return {
      status: 'rejected',
      actor,
      reason: `GITHUB_REPOSITORY must be 'owner/repo', found '${req.repository ?? ''}'.`,
    };
  }
  const lower = actor.toLowerCase();
  const isBot = lower.endsWith('[bot]');
  if (req.allowBots && isBot && TRUSTED_BOTS.has(lower))
    return { status: 'approved', actor, why: 'trusted GitHub bot (allow-bots)' };
  const bots = new Set(
    req.allowBotUsers
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(botName),
  );
  if (isBot && bots.has(lower)) return { status: 'approved', actor, why: 'listed in allow-bot-users' };
  const users = req.allowUsers.trim();
  if (users === '*') return { status: 'approved', actor, why: "allow-users is '*'" };
  if (
    users
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .includes(lower)
  )
    return { status: 'approved', actor, why: 'listed in allow-users' };
  if (req.token === undefined || req.token === '') {
    return {
      status: 'rejected',
      actor,
      reason:
        "a GitHub token is required to check the actor's permission (input github-token, default ${{ github.token }}).",
    };
  }
  const url = `${req.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/collaborators/${encodeURIComponent(actor)}/permission`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${req.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'hexec-action',
      },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    return {
      status: 'rejected',
      actor,
      reason: `could not check '${actor}' on ${owner}/${repo}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return {
      status: 'rejected',
      actor,
      reason: `'${actor}' is not a collaborator on ${owner}/${repo}; write access is required (or list them in allow-users).`,
    };
  }
  if (!res.ok) {
    await res.body?.cancel();
    return {
      status: 'rejected',
      actor,
      reason: `could not check '${actor}' on ${owner}/${repo}: GitHub API answered HTTP ${res.status}.`,
    };
  }
  let permission = 'none';
  try {
    const body = (await res.json()) as { permission?: unknown };
    if (typeof body.permission === 'string') permission = body.permission;
  } catch {
    return { status: 'rejected', actor, reason: `could not check '${actor}': the GitHub API reply is not JSON.` };
  }
  if (WRITE_LEVELS.has(permission)) return { status: 'approved', actor, why: `permission '${permission}'` };
  return {
    status: 'rejected',
    actor,
    reason: `'${actor}' needs write access to ${owner}/${repo}; their permission is '${permission}' (or list them in allow-users).`,
  };
}
