#!/usr/bin/env bash
# Fuzzes the live API with schemathesis (from PyPI) against the OpenAPI document the server
# serves: a scratch server, a started drill for the path parameters, then every operation
# with generated requests; any 500 fails.   Fuzz/api-fuzz.sh [EXAMPLES]   (default 40 per operation)
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-40}
work=$(mktemp -d)
python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q schemathesis
swift build --product firedrill >/dev/null
token="api-fuzz-trainer-token-$(date +%s)-0123456789abcdef"
port=18089
FIREDRILL_TRAINER_TOKEN=$token .build/debug/firedrill serve --port $port --db "$work/fd.sqlite" >"$work/out.log" 2>"$work/err.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
id=$(curl -sf -X POST -H "Authorization: Bearer $token" -d '{"scenario":"certificate-expiry-3am"}' "http://127.0.0.1:$port/api/v1/drills" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/drills/$id/start"
printf '[parameters]\n"path.id" = "%s"\n' "$id" >"$work/schemathesis.toml"
# Event streams never end by themselves, so they are left out (tests cover them).
"$work/venv/bin/schemathesis" --config-file "$work/schemathesis.toml" run "http://127.0.0.1:$port/openapi.json" \
  -H "Authorization: Bearer $token" -c not_a_server_error -n "$examples" --exclude-path-regex 'events$' --request-timeout 5
