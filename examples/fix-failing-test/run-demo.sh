#!/usr/bin/env bash
# The offline demo: hexec fixes a failing test in a scratch copy of ./project, with the
# model's replies replayed from demo.cassette.jsonl (no network, no API key). The
# project's tests run outside the agent before and after, as a CI job would.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ -n "${HEXEC_BIN:-}" ]; then hexec=("$HEXEC_BIN"); else hexec=(node "$root/dist/cli.mjs"); fi
sandbox="${HEXEC_DEMO_SANDBOX:-workspace-write}"
# The recording was made under workspace-write; another sandbox mode changes what the
# model is told, so the replay then serves the replies in order instead of matching them.
replay_mode=strict
[ "$sandbox" = workspace-write ] || replay_mode=order

scratch="$(mktemp -d "${TMPDIR:-/tmp}/hexec-demo.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
cp -R "$here/project" "$scratch/project"
cd "$scratch/project"
git init -q -b main . && git add -A
git -c user.name=demo -c user.email=demo@example.invalid commit -q -m "demo project"

echo "== hexec: ${hexec[*]}"
echo "== before: the project's tests (run outside the agent)"
if node test/run.js; then echo "unexpected: the tests already pass" >&2; exit 1; fi

echo
echo "== hexec exec --hermetic --replay demo.cassette.jsonl --replay-mode $replay_mode -s $sandbox"
env -u OPENAI_API_KEY -u CODEX_API_KEY "${hexec[@]}" exec --hermetic \
  --replay "$here/demo.cassette.jsonl" --replay-mode "$replay_mode" -s "$sandbox" -m gpt-5.5 \
  -o "$scratch/final-message.txt" \
  "The tests in this repository fail (run: node test/run.js). Fix the code, not the tests."

echo
echo "== after: the project's tests (run outside the agent)"
node test/run.js
echo
echo "== git diff (what the agent changed)"
git --no-pager diff --stat
echo "demo: the failing tests pass after the replayed run"
