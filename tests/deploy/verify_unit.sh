#!/bin/bash
# systemd-analyze verify of deploy/coopd.service with ExecStart pointing at the built coopd:
# fails on any error or warning about the unit (an unknown key, a binary that is not there).
#   verify_unit.sh UNIT_FILE COOPD_BINARY
set -u
unit=$1 coopd=$2
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
sed "s|/usr/local/bin/coopd|$coopd|" "$unit" > "$work/coopd.service"
out=$(systemd-analyze verify --man=no "$work/coopd.service" 2>&1)
rc=$?
# Complaints about units on this machine, not ours, are not ours to fix.
ours=$(printf '%s\n' "$out" | grep -F "coopd.service" || true)
printf '%s\n' "$out"
if [ $rc -ne 0 ] || [ -n "$ours" ]; then
  echo "systemd-analyze verify: deploy/coopd.service has problems (above)"
  exit 1
fi
echo "deploy/coopd.service verifies against $coopd"
