#!/usr/bin/env bash
# The long campaign recorded in fuzz/README.md: the targets one after
# another (one fuzzing process at a time, at low priority), TARGET:MINUTES
# each (default: the plan below), the corpus kept in fuzz/corpus/ between
# runs. Prints each target's executions and their total; appends them to
# fuzz/logs/campaign.txt; fails on the first crash.
#
#   fuzz/campaign.sh [TARGET:MINUTES...]
set -euo pipefail
cd "$(dirname "$0")"
plan=("$@")
if [ ${#plan[@]} -eq 0 ]; then
  plan=(analyze:10 reanalyze:8 outline_hover:4 fix:4 position:6 config:16)
fi
mkdir -p logs
run=$(mktemp)
date -u +"campaign started %Y-%m-%dT%H:%M:%SZ" | tee -a logs/campaign.txt
for p in "${plan[@]}"; do
  t=${p%%:*}
  secs=$(( ${p##*:} * 60 ))
  nice -n 10 ./run.sh "$secs" "$t" | grep -v '^total' | tee -a logs/campaign.txt "$run"
done
awk '/ ok | FAILED / { s += $3 } END { printf "total %d executions\n", s }' "$run" | tee -a logs/campaign.txt
rm -f "$run"
date -u +"campaign ended %Y-%m-%dT%H:%M:%SZ" | tee -a logs/campaign.txt
