#!/usr/bin/env bash
# Tests/Browser/run.sh [path-to-firedrill-binary]
# Runs the browser end-to-end tests (the pages' JavaScript unit tests are `node --test
# Tests/JavaScript/`, run by .ci/run): a venv with Selenium under .build-python/venv, a
# `firedrill serve --port 0` on a temporary database, headless Chromium through chromedriver.
# Screenshots go to $FIREDRILL_ARTIFACTS (default Tests/Browser/artifacts/). Exit 0 when every
# test passes. Set FIREDRILL_WEB_ROOT to serve the pages from a folder instead of the binary's.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$ROOT/.build/debug/firedrill}
case "$BIN" in /*) ;; *) BIN=$PWD/$BIN ;; esac
if [ ! -x "$BIN" ]; then
  echo "run.sh: no firedrill binary at $BIN (run 'swift build' first, or give its path)" >&2
  exit 2
fi
for tool in "${CHROMIUM_BIN:-/usr/bin/chromium}" "${CHROMEDRIVER:-/usr/bin/chromedriver}"; do
  [ -x "$tool" ] || { echo "run.sh: $tool is missing (install chromium and chromedriver)" >&2; exit 2; }
done

VENV=$ROOT/.build-python/venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import selenium, sys; sys.exit(0 if tuple(map(int, selenium.__version__.split(".")[:2])) >= (4, 20) else 1)' 2>/dev/null; then
  "$VENV/bin/pip" install -q 'selenium>=4.20'
fi

export FIREDRILL_ARTIFACTS=${FIREDRILL_ARTIFACTS:-$ROOT/Tests/Browser/artifacts}
mkdir -p "$FIREDRILL_ARTIFACTS"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/firedrill-browser.XXXXXX")
export FIREDRILL_TRAINER_TOKEN="browser-test-trainer-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  cp "$WORK/server.out" "$WORK/server.err" "$FIREDRILL_ARTIFACTS/" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" serve --port 0 --db "$WORK/drills.sqlite" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!

# The first line on standard output names the address: "firedrill serve: listening on http://127.0.0.1:PORT ...".
URL=""
for _ in $(seq 1 300); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "run.sh: the server stopped at start:" >&2; cat "$WORK/server.err" >&2; exit 1
  fi
  URL=$(head -n 1 "$WORK/server.out" 2>/dev/null | sed -n 's/.*listening on \(http:\/\/[^ ]*\).*/\1/p')
  [ -n "$URL" ] && break
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "run.sh: the server did not say where it listens within 30 s" >&2; cat "$WORK/server.err" >&2; exit 1
fi
export FIREDRILL_URL=$URL
export FIREDRILL_BIN=$BIN
echo "run.sh: server at $URL, screenshots in $FIREDRILL_ARTIFACTS"

START=$(date +%s)
set +e
# FIREDRILL_BROWSER_TESTS names some of the test modules (or classes, or methods) to run only those.
TESTS=${FIREDRILL_BROWSER_TESTS:-test_browser test_quiz test_editor test_committee test_near_miss}
# shellcheck disable=SC2086 # the test names are words
(cd "$ROOT/Tests/Browser" && "$VENV/bin/python" -m unittest -v $TESTS 2>&1 | tee "$WORK/unittest.log")
STATUS=$?
set -e
cp "$WORK/unittest.log" "$FIREDRILL_ARTIFACTS/" 2>/dev/null || true
ELAPSED=$(( $(date +%s) - START ))
SUMMARY=$(grep -E '^(Ran [0-9]+ tests?|OK|FAILED)' "$WORK/unittest.log" | tr '\n' ' ')
if [ "$STATUS" -eq 0 ]; then
  echo "browser tests passed in ${ELAPSED}s: $SUMMARY"
else
  echo "browser tests FAILED in ${ELAPSED}s: $SUMMARY (see the log above and $FIREDRILL_ARTIFACTS)"
fi
exit "$STATUS"
