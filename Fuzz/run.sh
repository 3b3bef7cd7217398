#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and runs each on its seed corpus.
#   Fuzz/run.sh [RUNS]        (default 1000000 inputs per target)
# A crash, a hang (over 10 s for one input) or memory over 512 MB stops the target and
# leaves the input as crash-*/timeout-*/oom-* in Fuzz/artifacts; the figures go to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
swift build -c release --package-path Fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library >/dev/null
work=$(mktemp -d)
mkdir -p "$work/ScenarioLoader" "$work/ReplayScript" "$work/ActionCommand" Fuzz/artifacts
cp scenarios/*.yaml Tests/Fixtures/*.yaml "$work/ScenarioLoader/"
cp scenarios/scripts/*.script Tests/Fixtures/*.script "$work/ReplayScript/"
cp Fuzz/Corpus/commands/* "$work/ActionCommand/"
status=0
for target in ScenarioLoader ReplayScript ActionCommand; do
  log="$work/$target.log"
  start=$(date +%s)
  if ! SWIFT_BACKTRACE=enable=no ".build-fuzz/release/Fuzz$target" -runs="$runs" -timeout=10 -rss_limit_mb=512 -max_len=65536 \
       -artifact_prefix="Fuzz/artifacts/$target-" "$work/$target" >"$log" 2>&1; then
    status=1
    echo "$target: FAILED (see Fuzz/artifacts)"; tail -20 "$log"
  fi
  done_line=$(grep -E "^#[0-9]+[[:space:]]+DONE" "$log" | tail -1 || true)
  echo "$target: $(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1), $(echo "$done_line" | grep -oE 'cov: [0-9]+|exec/s: [0-9]+|rss: [0-9]+Mb' | tr '\n' ' ')(wall $(( $(date +%s) - start )) s)"
done
rm -rf "$work"
exit $status
