#!/usr/bin/env bash
# Resident memory of the running service with a 10,000-entry knowledge base built from the public data in
# ../shared/data (never copied into the repository). Builds Release, imports the base into a temporary store,
# starts the Host on a free loopback port, asks 200 questions over HTTP, then prints VmRSS and VmHWM.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${host:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
entries="${1:-10000}"

dotnet build "$root/Bot/ResponseBot.Host" -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build "$root/Bot/ResponseBot.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
cli="$root/Bot/ResponseBot.Cli/bin/Release/net10.0/responsebot"
(cd "$root" && "$cli" bench search --entries "$entries" --export "$work/kb.jsonl")
"$cli" kb import "$work/kb.jsonl" --publish --db "$work/kb.db" >/dev/null

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
Knowledge__SqlitePath="$work/kb.db" Knowledge__SeedFile= \
    "$root/Bot/ResponseBot.Host/bin/Release/net10.0/ResponseBot.Host" --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/health" || { echo "the service did not start; see its log:" >&2; cat "$work/host.log" >&2; exit 1; }
echo

head -200 "$work/kb.jsonl" | python3 -c '
import json, sys, urllib.request
for line in sys.stdin:
    body = json.dumps({"text": json.loads(line)["question"][:1000]}).encode()
    request = urllib.request.Request(sys.argv[1], data=body, headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
' "http://127.0.0.1:$port/api/ask"

echo "service with $entries entries after 200 questions (target: resident memory ≤ 400 MB):"
grep -E 'VmRSS|VmHWM' "/proc/$host/status"
