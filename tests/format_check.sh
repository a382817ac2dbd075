#!/usr/bin/env bash
# Fails when a tracked .cpp or .h file differs from what .clang-format makes of it.
#   format_check.sh SOURCE_DIR [CLANG_FORMAT]
# Exits 77 (ctest's SKIP_RETURN_CODE) when clang-format or git is missing or the sources are not
# a git checkout; scripts/setup.sh installs clang-format.
set -euo pipefail
root=$1 clang_format=${2:-clang-format}
if ! command -v "$clang_format" >/dev/null 2>&1; then
  echo "SKIPPED: clang-format not found (scripts/setup.sh installs it); formatting not checked"
  exit 77
fi
if ! command -v git >/dev/null 2>&1 || ! git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  echo "SKIPPED: $root is not a git checkout (or git is missing); formatting not checked"
  exit 77
fi
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.h')
# One clang-format process for every file (fast); its "FILE:LINE:COL: error: code should be
# clang-formatted" lines name the files that differ.
report=$("$clang_format" --dry-run --Werror "${files[@]}" 2>&1) && status=0 || status=$?
mapfile -t failed < <(grep -o '^[^:]*:[0-9]*:[0-9]*: error' <<<"$report" | cut -d: -f1 | sort -u)
if ((status != 0 && ${#failed[@]} == 0)); then
  echo "$report" >&2
  echo "clang-format failed (status $status) without naming a file" >&2
  exit 1
fi
if ((${#failed[@]})); then
  printf '%s\n' "${failed[@]}"
  echo "${#failed[@]} of ${#files[@]} files above differ from .clang-format ($("$clang_format" --version));" \
    "fix with: clang-format -i FILE..." >&2
  exit 1
fi
echo "all ${#files[@]} tracked .cpp/.h files follow .clang-format"
