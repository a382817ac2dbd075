#!/usr/bin/env bash
# Checks the static libraries for instructions a baseline x86-64 processor cannot run.
#   check_baseline_objects.sh OBJDUMP NM LIBRARY...
# Every archive member except kernels_avx2/kernels_avx512 must be free of VEX- and EVEX-encoded
# instructions (AVX mnemonics all begin with 'v'; AVX-512 mask instructions with 'k') and of the
# VEX-encoded BMI instructions. The two ISA members must export nothing but their kernel table and
# define no weak (inline or template) symbols, which the linker could otherwise pick for baseline
# callers (numpy/numpy#25274).
set -euo pipefail
objdump=$1 nm=$2
shift 2
status=0
for library in "$@"; do
  bad=$("$objdump" -d --no-show-raw-insn "$library" | awk '
    /^In archive/ { next }
    /file format/ { member = $1; sub(":$", "", member); next }
    member ~ /kernels_avx(2|512)\.cpp\.o$/ { next }
    /^ *[0-9a-f]+:\t/ {
      split($0, fields, "\t"); split(fields[2], words, " "); op = words[1]
      if (op ~ /^(v|k(mov|and|or|xor|not|test|shift|add|unpck))/ ||
          op ~ /^(andn|bextr|blsi|blsmsk|blsr|bzhi|mulx|pdep|pext|rorx|sarx|shlx|shrx)$/)
        print member ": " op
    }' | sort | uniq -c | sort -rn | head -20)
  if [[ -n $bad ]]; then
    echo "$library: baseline objects contain VEX/EVEX instructions:"
    echo "$bad"
    status=1
  fi
  for member in kernels_avx2.cpp.o kernels_avx512.cpp.o; do
    object=$(mktemp)
    ar p "$library" "$member" >"$object" 2>/dev/null || true
    symbols=$(if [[ -s $object ]]; then "$nm" --defined-only -C "$object"; fi)
    rm -f "$object"
    if [[ -z $symbols ]]; then continue; fi
    weak=$(grep -E ' [WVu] ' <<<"$symbols" || true)
    # Sanitizer builds add their own bookkeeping symbols (__odr_asan.*, __asan_*): not ours.
    exported=$(grep -E ' [TDRB] ' <<<"$symbols" | grep -v 'kTable$' | grep -v -E ' __(odr_)?asan' || true)
    if [[ -n $weak || -n $exported ]]; then
      echo "$library($member) defines symbols other than its kernel table:"
      echo "$weak$exported"
      status=1
    fi
  done
done
if [[ $status -eq 0 ]]; then echo "baseline objects are free of VEX/EVEX code"; fi
exit $status
