#!/usr/bin/env bash
# coopledger developer entry point. Every sub-command first installs what is missing (Debian
# packages, and the npm packages of tests/deploy/k8s and tools/dashboard; idempotent, safe to
# rerun) and builds.
#
#   tools/dev.sh run [coopd flags]  build, then start coopd on ./data/store at 127.0.0.1:50051,
#                                   with the dashboard at http://127.0.0.1:8080/, loading the
#                                   demo history on first start
#   tools/dev.sh test               build, then run the whole test suite (ctest -j2)
#   tools/dev.sh build              install and build only
#   tools/dev.sh setup              install packages only
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}

PACKAGES=(
  g++ cmake ninja-build pkg-config
  protobuf-compiler libprotobuf-dev protobuf-compiler-grpc libgrpc++-dev
  librocksdb-dev libabsl-dev libssl-dev openssl libutf8proc-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang-format python3
  libxlsxwriter-dev python3-openpyxl libcpp-httplib-dev
  libpq-dev libhiredis-dev libjemalloc-dev
  prometheus-cpp-dev prometheus systemd python3-yaml
  # the Python client (clients/python): gRPC and protobuf for /usr/bin/python3, pip and venv
  # to install it from the checkout
  python3-grpcio python3-protobuf python3-pip python3-venv python3-setuptools python3-wheel
  chromium
)
# Node.js and npm build the web dashboard (tools/dashboard, Vite) and run the Kubernetes manifest
# check (tests/deploy/k8s): Debian's, installed only where there is no node (a machine that has
# another Node.js keeps it, with its own npm). Debian's chromium is the browser of the dashboard's
# end-to-end test (tests/dashboard).
NODE_PACKAGES=(nodejs npm)
NPM_FOLDERS=("$ROOT/tests/deploy/k8s" "$ROOT/tools/dashboard")

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

setup() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if ! command -v node >/dev/null 2>&1; then
    missing+=("${NODE_PACKAGES[@]}")
  elif ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    log "all build dependencies are installed"
  else
    log "installing: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  npm_packages
}

# npm ci in each of NPM_FOLDERS (the exact versions of its package-lock.json into its git-ignored
# node_modules), skipped while node_modules holds what the lockfile says: a copy of the lockfile
# is kept there once npm ci has succeeded (tools/dashboard/npm_ci.cmake keeps the same copy).
npm_packages() {
  local dir name stamp
  for dir in "${NPM_FOLDERS[@]}"; do
    name=${dir#"$ROOT"/}
    stamp=$dir/node_modules/.coopledger-package-lock.json
    if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
      log "the npm packages of $name are installed"
      continue
    fi
    log "installing the npm packages of $name (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund)
    cp "$dir/package-lock.json" "$stamp"
  done
}

build() {
  setup
  log "configuring ($BUILD_TYPE) in $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
  log "building (this takes a few minutes the first time)"
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

run() {
  build
  mkdir -p "$ROOT/data"
  log "starting coopd: gRPC on 127.0.0.1:50051, the dashboard on http://127.0.0.1:8080/ (Ctrl-C stops it cleanly)"
  exec "$BUILD_DIR/services/coopd" --data_dir "$ROOT/data/store" --listen 127.0.0.1:50051 \
    --http_listen 127.0.0.1:8080 --demo "$@"
}

test_all() {
  build
  log "running the test suite"
  cd "$BUILD_DIR"
  ctest -j2 --output-on-failure --timeout 600
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) test_all ;;
  build) build ;;
  setup) setup ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
