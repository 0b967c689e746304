#!/bin/bash
# run-benchmarks.sh
# Copyright 2026 The Sheaf Authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Index benchmarks for DESIGN.md §5. Not part of `meson test` (too slow); the README
# quotes its figures.
#
#   benchmarks/run-benchmarks.sh [SIZE…]
#
# Builds a release tree in _build-bench (meson setup on first use), generates one
# synthetic vault per SIZE (default: 10000 100000 notes) under $SHEAF_BENCH_DIR
# (default /tmp/sheaf-bench), reusing a vault already generated with the same
# size, seed and generator version, runs sheaf-bench-index on each, and prints a
# summary table. Each run's full output is kept beside the vaults as result-SIZE.txt.
#
# Environment: SHEAF_BENCH_SEED (default 1), SHEAF_BENCH_RUNS (default 5),
# SHEAF_BENCH_DIR (default /tmp/sheaf-bench), SHEAF_BENCH_BUILD (default
# <source>/_build-bench).

set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${SHEAF_BENCH_BUILD:-$source_dir/_build-bench}
bench_dir=${SHEAF_BENCH_DIR:-/tmp/sheaf-bench}
seed=${SHEAF_BENCH_SEED:-1}
runs=${SHEAF_BENCH_RUNS:-5}
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(10000 100000)
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$source_dir" -Dbuildtype=release -Db_ndebug=true
fi
ninja -C "$build_dir" benchmarks/sheaf-bench-generate benchmarks/sheaf-bench-index

generate=$build_dir/benchmarks/sheaf-bench-generate
index=$build_dir/benchmarks/sheaf-bench-index
version=$("$generate" --version | sed -n 's/.*\(version=[0-9]*\).*/\1/p')

mkdir -p "$bench_dir"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "build:   $build_dir ($(meson introspect --buildoptions "$build_dir" 2>/dev/null |
  python3 -c 'import json,sys; o={x["name"]: x["value"] for x in json.load(sys.stdin)}; print("buildtype=%s b_ndebug=%s" % (o["buildtype"], o["b_ndebug"]))' 2>/dev/null || echo '?'))"
echo

for n in "${sizes[@]}"; do
  vault=$bench_dir/vault-$n-seed$seed
  stamp=$vault/.obsidian/sheaf-bench-generate.txt

  # The stamp is written last, so a vault whose generation was interrupted is never reused.
  if [ -f "$stamp" ] && grep -q "$version notes=$n seed=$seed " "$stamp"; then
    echo "== $n notes: reusing $vault"
  else
    echo "== $n notes: generating $vault"
    rm -rf "$vault"
    "$generate" "$n" "$vault" --seed "$seed"
  fi

  "$index" "$vault" --runs "$runs" | tee "$bench_dir/result-$n.txt"
  echo
done

echo "Summary (times in seconds, best of $runs; page cache warm; 'ratio' = Sheaf / floor B)"
printf '%-8s %7s %8s %9s %9s %9s %9s %9s %7s %7s %8s %8s\n' \
  notes MB 'floor A' 'B parse' 'B r+p' 'Sheaf' median 'Sheaf CPU' ratio 'r/parse' 'RSS MB' resolve
for n in "${sizes[@]}"; do
  awk -F '\t' '$1 == "tsv" && $2 != "notes" {
    printf "%-8s %7s %8s %9s %9s %9s %9s %9s %7s %7s %8s %8s\n",
           $2, $3, $4, $5, $6, $7, $8, $15, $9, $10, $11, $12 }' "$bench_dir/result-$n.txt"
done
echo
echo "Targets (DESIGN §5): 10 000 notes <= 1 s and <= 1.5x floor B; 100 000 notes <= 10 s, RSS <= 400 MB."
