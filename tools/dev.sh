#!/usr/bin/env bash
# coopledger developer entry point. Every sub-command first installs what is missing
# (Debian packages only; idempotent, safe to rerun) and builds.
#
#   tools/dev.sh run [coopd flags]  build, then start coopd on ./data/store at 127.0.0.1:50051,
#                                   loading the demo history on first start
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
  libxlsxwriter-dev python3-openpyxl
  libpq-dev libhiredis-dev libjemalloc-dev
  prometheus-cpp-dev prometheus systemd
)

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

setup() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "all build dependencies are installed"
    return
  fi
  log "installing: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
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
  log "starting coopd (Ctrl-C stops it cleanly)"
  exec "$BUILD_DIR/services/coopd" --data_dir "$ROOT/data/store" --listen 127.0.0.1:50051 --demo "$@"
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
