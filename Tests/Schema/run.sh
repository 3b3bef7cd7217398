#!/usr/bin/env bash
# Tests/Schema/run.sh [path-to-firedrill-binary]
# Checks that schemas/scenario-v1.json (served at /schemas/scenario-v1.json) accepts what the
# loader accepts: the bundled scenarios, and thousands of mutations judged by both
# `firedrill validate` and the schema. A venv under .build-python/venv with jsonschema and PyYAML.
# Exit 0 when every test passes.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$ROOT/.build/debug/firedrill}
case "$BIN" in /*) ;; *) BIN=$PWD/$BIN ;; esac
if [ ! -x "$BIN" ]; then
  echo "run.sh: no firedrill binary at $BIN (run 'swift build' first, or give its path)" >&2
  exit 2
fi

VENV=$ROOT/.build-python/venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import jsonschema, yaml; jsonschema.Draft202012Validator' 2>/dev/null; then
  "$VENV/bin/pip" install -q 'jsonschema>=4.18' 'PyYAML>=6'
fi

cd "$ROOT/Tests/Schema"
FIREDRILL_BIN=$BIN exec "$VENV/bin/python" -m unittest -v test_schema
