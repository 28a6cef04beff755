#!/usr/bin/env bash
# Builds the solution once, runs every test project, and ends with one line: "N passed, N failed, N skipped".
# Exits non-zero on a build failure, on any failed test, or when no test ran. Works from any directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

configuration="${CONFIGURATION:-Release}"
results="$root/TestResults/run"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rm -rf "$results"
mkdir -p "$results"

echo "== build ($configuration)"
if ! dotnet build ResponseBot.sln -c "$configuration" -nologo -clp:ErrorsOnly; then
    echo "BUILD FAILED: see the errors above; no test was run." >&2
    exit 1
fi

# The Redis contract suites run against a real server. RESPONSEBOT_TEST_REDIS (host:port) names one; otherwise start a
# throwaway redis-server on a free loopback port (no persistence) and stop it on exit. Without redis-server, and not
# root to install it, the Redis tests are skipped.
redis_pid_file="$results/redis-server.pid"
stop_redis() {
    if [[ -f "$redis_pid_file" ]]; then
        kill "$(cat "$redis_pid_file")" 2>/dev/null || true
        rm -f "$redis_pid_file"
    fi
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
start_redis() {
    local port attempt
    for attempt in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        port_in_use "$port" && continue
        redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
            --pidfile "$redis_pid_file" --logfile "$results/redis-server.log" --dir "$results" || continue
        for _ in $(seq 50); do
            if [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]]; then
                export RESPONSEBOT_TEST_REDIS="127.0.0.1:$port"
                echo "== redis-server on $RESPONSEBOT_TEST_REDIS"
                return 0
            fi
            sleep 0.1
        done
        stop_redis
    done
    echo "Could not start redis-server (see $results/redis-server.log): the Redis tests will be skipped." >&2
}

if [[ -n "${RESPONSEBOT_TEST_REDIS:-}" ]]; then
    echo "== Redis tests use $RESPONSEBOT_TEST_REDIS"
else
    if ! command -v redis-server >/dev/null && ((EUID == 0)) && command -v apt-get >/dev/null; then
        echo "== installing redis-server"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends redis-server >/dev/null ||
            { apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server >/dev/null; } || true
    fi
    if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
        trap stop_redis EXIT
        start_redis
    else
        echo "redis-server is not installed (install it as root: apt-get install redis-server): the Redis tests will be skipped." >&2
    fi
fi

# Every project under Tests/ named *.Tests is a test project; Benchmarks is not.
mapfile -t projects < <(find Tests -mindepth 2 -maxdepth 2 -name '*.Tests.csproj' | sort)
if ((${#projects[@]} == 0)); then
    echo "No test projects found under Tests/." >&2
    exit 1
fi

missing=0
for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    echo "== $name"
    # A failing project must not stop the others: the counts below decide the exit code.
    dotnet test "$project" -c "$configuration" --no-build -nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" || true
    if [[ ! -f "$results/$name.trx" ]]; then
        echo "$name: no test results were written (the test host did not run or crashed)." >&2
        missing=$((missing + 1))
    fi
done

# Sum <Counters> over every TRX: passed; failed + error + timeout + aborted; skipped = total - executed
# (NUnit's ignored and inconclusive tests are "not executed").
read -r passed failed skipped executed < <(
    cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
        function attr(name,   m) { return match($0, name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3) + 0 : 0 }
        { p += attr("passed"); f += attr("failed") + attr("error") + attr("timeout") + attr("aborted");
          s += attr("total") - attr("executed"); e += attr("executed") }
        END { printf "%d %d %d %d\n", p, f, s, e }')

status=0
if ((missing > 0)); then
    echo "$missing test project(s) produced no results." >&2
    failed=$((failed + missing))
    status=1
fi
if ((failed > 0)); then
    status=1
fi
if ((executed == 0)); then
    echo "No test ran." >&2
    status=1
fi

echo "TRX files: $results"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
