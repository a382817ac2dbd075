#!/usr/bin/env bash
# Fails when a user-visible string has no Simplified Chinese translation: lupdate re-scans the
# sources into a copy of the .ts, and any unfinished or vanished entry is reported.
set -euo pipefail
lupdate=$1 root=$2 ts=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ts" "$work/check.ts"
"$lupdate" -silent -no-obsolete -locations none -I "$root" "$root/ui" "$root/app" -ts "$work/check.ts"
if grep -n -B2 'type="unfinished"\|type="vanished"' "$work/check.ts"; then
  echo "Untranslated strings above: add their translations to $ts" >&2
  exit 1
fi
if ! cmp -s <(grep -c '<source>' "$ts") <(grep -c '<source>' "$work/check.ts"); then
  echo "$ts is out of date with the sources: run lupdate and translate" >&2
  exit 1
fi
echo "all $(grep -c '<source>' "$ts") strings translated"
