#!/usr/bin/env bash
# Run the fuzz targets one after another, each for SECONDS, and print the
# executions each reached (libFuzzer's stat::number_of_executed_units).
# Fails (exit 1) when a target crashes, times out on an input or runs out
# of memory; the input is then in fuzz/artifacts/TARGET/.
#
#   fuzz/run.sh SECONDS [TARGET...]     (default: every target)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# The new inputs each target finds go to fuzz/corpus/TARGET (not in git);
# the seeds (fuzz/seeds/, in git) are read as a second corpus.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(analyze reanalyze outline_hover fix config position)
fi
# no sanitizer (the code under test is safe Rust: the checks that matter are
# its own assertions and overflow checks, which -a keeps on); release code
FLAGS=(--sanitizer none --debug-assertions)
cargo +nightly fuzz build "${FLAGS[@]}"
mkdir -p logs
total=0
status=0
for t in "${targets[@]}"; do
  case $t in
    config) seeds=seeds/config; max_len=2048 ;;
    position) seeds=seeds/text; max_len=512 ;;
    *) seeds=seeds/text; max_len=1024 ;;
  esac
  mkdir -p "corpus/$t"
  log="logs/$t.log"
  if cargo +nightly fuzz run "${FLAGS[@]}" "$t" "corpus/$t" "$seeds" -- \
    -max_total_time="$secs" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -dict=zhproof.dict -print_final_stats=1 -close_fd_mask=1 >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  total=$((total + n))
  printf '%-14s %-6s %12s executions in %ss\n' "$t" "$result" "$n" "$secs"
  if [ "$result" = FAILED ]; then
    grep -E 'panicked|ERROR|SUMMARY|Test unit written|timeout' "$log" | head -20 || true
  fi
done
printf '%-14s %-6s %12s executions\n' total "" "$total"
exit $status
