#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine with Node >= 20 to a working hexec:
# system packages it needs (bubblewrap, git; Slurm and munge for the batch test), npm dependencies, the build, then the
# offline demo (a recorded run replayed with no network and no API key).
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
command -v bwrap >/dev/null 2>&1 || need_pkgs+=(bubblewrap)
command -v git >/dev/null 2>&1 || need_pkgs+=(git)
# A real single-node Slurm cluster for the batch test (test/e2e/batch-slurm.test.ts), Debian only.
if [ -f /etc/debian_version ]; then
  [ -x /usr/sbin/slurmctld ] || need_pkgs+=(slurmctld)
  [ -x /usr/sbin/slurmd ] || need_pkgs+=(slurmd)
  command -v sbatch >/dev/null 2>&1 || need_pkgs+=(slurm-client)
  [ -x /usr/sbin/munged ] || need_pkgs+=(munge)
fi
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  echo "setup: installing ${need_pkgs[*]} from the distribution's packages" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

node -e 'const [maj]=process.versions.node.split(".").map(Number); if (maj < 20) { console.error(`setup: Node >= 20 required, found ${process.versions.node}`); process.exit(1); }'
npm ci --no-audit --no-fund
npm run build
if [ -x examples/fix-failing-test/run-demo.sh ]; then
  bash examples/fix-failing-test/run-demo.sh
fi
