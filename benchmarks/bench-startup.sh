#!/bin/bash
# bench-startup.sh
# Copyright 2026 The Sheaf Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Start-up benchmark for DESIGN.md §5: "start to first frame with the last note
# <= 300 ms". Not part of `meson test`.
#
#   benchmarks/bench-startup.sh [VAULT…]      VAULT: sample, or a number of notes
#
# For each vault (default: sample 10000 100000), points the last-vault and
# last-note settings into it (a keyfile backend in a temporary config folder,
# so the user's own settings are never touched), starts Sheaf with
# SHEAF_BENCH_FIRST_FRAME set and reads what it prints: how long after the
# script exec'd it, the first frame showing the note's text was painted
# ("text"), then the first showing its preview ("preview"). The floor is
# sheaf-bench-startup-floor on the same note: a bare GTK window with a
# GtkTextView ("floor"), and with libadwaita and GtkSourceView initialised and
# a GtkSourceView ("floor+adw"). One more run with SHEAF_BENCH_FIRST_FRAME=indexed
# tells when the vault was indexed. Best and median of $SHEAF_BENCH_RUNS runs;
# page cache warm (one run is thrown away first).
#
# Runs under the X server in $DISPLAY, or else re-runs itself under xvfb-run.
# Generated vaults are shared with run-benchmarks.sh (same names and stamps).
#
# Environment: SHEAF_BENCH_RUNS (default 7), SHEAF_BENCH_SEED (default 1),
# SHEAF_BENCH_DIR (default /tmp/sheaf-bench), SHEAF_BENCH_BUILD (default
# <source>/_build-bench, set up as a release build on first use).

set -euo pipefail

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1400x900x24" "$0" "$@"
fi

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${SHEAF_BENCH_BUILD:-$source_dir/_build-bench}
bench_dir=${SHEAF_BENCH_DIR:-/tmp/sheaf-bench}
seed=${SHEAF_BENCH_SEED:-1}
runs=${SHEAF_BENCH_RUNS:-7}
vaults=("$@")
if [ ${#vaults[@]} -eq 0 ]; then
  vaults=(sample 10000 100000)
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$source_dir" -Dbuildtype=release -Db_ndebug=true
fi
ninja -C "$build_dir" src/sheaf data/gschemas.compiled \
  benchmarks/sheaf-bench-generate benchmarks/sheaf-bench-startup-floor >/dev/null

sheaf=$build_dir/src/sheaf
floor=$build_dir/benchmarks/sheaf-bench-startup-floor
generate=$build_dir/benchmarks/sheaf-bench-generate
version=$("$generate" --version | sed -n 's/.*\(version=[0-9]*\).*/\1/p')

home=$(mktemp -d /tmp/sheaf-bench-startup.XXXXXX)
trap 'rm -rf "$home"' EXIT
export XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build_dir/data
export NO_AT_BRIDGE=1 GTK_A11Y=none
mkdir -p "$bench_dir" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

# Prints the figure named $2 from the output of a run ($1), or "-".
figure () {
  awk -v what="$2" '$1 == "sheaf-bench-first-frame" && $2 == what { print $3; found = 1 }
                    END { if (!found) print "-" }' <<< "$1"
}

# best and median of the numbers on standard input
stats () {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
                  printf "%.0f %.0f\n", v[1], v[int((NR + 1) / 2)] }'
}

run_sheaf () {
  SHEAF_BENCH_FIRST_FRAME=${1:-1} SHEAF_BENCH_T0_USEC=$(date +%s%6N) \
    timeout 120 "$sheaf" 2>/dev/null || true
}

run_floor () {
  SHEAF_BENCH_T0_USEC=$(date +%s%6N) timeout 60 "$floor" "$@" 2>/dev/null || true
}

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "build:   $build_dir; $runs runs each, page cache warm; DISPLAY=$DISPLAY"
echo
summary=()

for v in "${vaults[@]}"; do
  if [ "$v" = sample ]; then
    vault=$home/sample
    cp -r "$source_dir/data/sample-vault" "$vault"
    note="Welcome to Sheaf.md"
  else
    vault=$bench_dir/vault-$v-seed$seed
    stamp=$vault/.obsidian/sheaf-bench-generate.txt
    if [ -f "$stamp" ] && grep -q "$version notes=$v seed=$seed " "$stamp"; then
      echo "== $v notes: reusing $vault"
    else
      echo "== $v notes: generating $vault"
      rm -rf "$vault"
      "$generate" "$v" "$vault" --seed "$seed" >/dev/null
    fi
    # A note from the middle of the vault, in path order.
    note=$(cd "$vault" && find . -name '*.md' -not -path './.*' | sed 's|^\./||' | sort |
           awk -v n="$v" 'NR == int(n / 2) { print }')
  fi

  gsettings set io.github.sheafnotes.Sheaf last-vault "$vault"
  gsettings set io.github.sheafnotes.Sheaf last-note "$note"
  n_files=$(find "$vault" -not -path '*/.*' -type f | wc -l)
  size=$(du -sm --exclude=.obsidian "$vault" | cut -f1)
  echo "== $v: $vault ($n_files files, $size MB), last note: $note ($(stat -c %s "$vault/$note") bytes)"

  cat "$vault/$note" >/dev/null
  run_sheaf >/dev/null       # warms the page cache, the font and icon caches
  text=() preview=() floor_bare=() floor_adw=()
  for ((i = 0; i < runs; i++)); do
    out=$(run_sheaf)
    text+=("$(figure "$out" text)")
    preview+=("$(figure "$out" preview)")
    floor_bare+=("$(figure "$(run_floor "$vault/$note")" floor)")
    floor_adw+=("$(figure "$(run_floor --adw "$vault/$note")" floor)")
  done
  indexed=$(figure "$(run_sheaf indexed)" indexed)

  read -r text_best text_median <<< "$(printf '%s\n' "${text[@]}" | grep -v -- - | stats)"
  read -r preview_best preview_median <<< "$(printf '%s\n' "${preview[@]}" | grep -v -- - | stats)"
  read -r floor_best floor_median <<< "$(printf '%s\n' "${floor_bare[@]}" | grep -v -- - | stats)"
  read -r adw_best adw_median <<< "$(printf '%s\n' "${floor_adw[@]}" | grep -v -- - | stats)"
  echo "   text:    ${text[*]}"
  echo "   preview: ${preview[*]}"
  echo "   floor:   ${floor_bare[*]}"
  echo "   floor+adw: ${floor_adw[*]}"
  echo "   indexed: $indexed"
  summary+=("$(printf '%-8s %9s %9s %9s %9s %9s %9s %9s' "$v" \
    "$text_best" "$text_median" "$preview_best" "$floor_best" "$adw_best" \
    "$(awk -v a="$text_best" -v b="$adw_best" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')" \
    "$(awk -v a="$indexed" 'BEGIN { printf "%.0f", a }')")")
done

echo
echo "Summary (ms from exec to the frame painted; best of $runs, median for text too)"
printf '%-8s %9s %9s %9s %9s %9s %9s %9s\n' vault 'text' 'median' 'preview' 'floor' 'floor+adw' \
  'ratio' 'indexed'
printf '%s\n' "${summary[@]}"
echo
echo "Target (DESIGN §5): text <= 300 ms. 'ratio' = text / floor+adw (best). 'indexed': when the"
echo "vault's index was ready (one run); the note must not wait for it."
