#!/usr/bin/env bash
# The long campaign recorded in fuzz/README.md: the targets one after
# another (one fuzzing process at a time, at low priority), minutes each as
# given below, the corpus kept in fuzz/corpus/ between runs. Prints each
# target's executions and the total; fails on the first crash.
#
#   fuzz/campaign.sh [SCALE]   (SCALE multiplies every duration; default 1)
set -euo pipefail
cd "$(dirname "$0")"
scale=${1:-1}
plan=(analyze:10 reanalyze:8 outline_hover:8 fix:8 position:6 config:12)
mkdir -p logs
date -u +"campaign started %Y-%m-%dT%H:%M:%SZ" | tee logs/campaign.txt
for p in "${plan[@]}"; do
  t=${p%%:*}
  secs=$(( ${p##*:} * 60 * scale ))
  nice -n 10 ./run.sh "$secs" "$t" | grep -v '^total' | tee -a logs/campaign.txt
done
awk '{ s += $3 } END { printf "total %d executions\n", s }' < <(grep -E ' ok | FAILED ' logs/campaign.txt) | tee -a logs/campaign.txt
date -u +"campaign ended %Y-%m-%dT%H:%M:%SZ" | tee -a logs/campaign.txt
