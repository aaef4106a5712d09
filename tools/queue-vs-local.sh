#!/bin/bash
# Times `remedy experiment doctor-vs-search` run locally and on the queue (a fresh redis-server on
# loopback, WORKERS `remedy worker` processes, --store a temporary folder), taken in turn, ROUNDS
# times, and checks that every queue run's table equals the local one, duel for duel: the commands
# behind the figures under "Measured" in docs/distributed.md.
#
#   tools/queue-vs-local.sh [SEEDS=3] [ROUNDS=1]      env: WORKERS (2), CONCURRENCY (1)
#
# Needs redis-server (with redis-cli) and a built dist/. Nothing else should run meanwhile: the two sides differ by
# a few percent, less than a busy machine moves either.
set -euo pipefail
seeds=${1:-3}
rounds=${2:-1}
workers=${WORKERS:-2}
concurrency=${CONCURRENCY:-1}
cli="$(cd "$(dirname "$0")/.." && pwd)/dist/cli/main.js"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# as in docs/distributed.md: OpenBLAS picks its kernels for the CPU it finds, on both sides
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

# seconds of CPU (user + system) of a process and its threads, read before it ends
cpu() { awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$1/stat"; }

# runs doctor-vs-search with the given flags, its output in OUT.log and its table in OUT.json;
# sets $wall and $cpu (seconds, the CPU of the process and its threads)
timed_table() {
  local out=$1 user sys
  shift
  local TIMEFORMAT='%R %U %S'
  read -r wall user sys < <({ time node "$cli" experiment doctor-vs-search --seeds "$seeds" --quiet --json "$out.json" "$@" > "$out.log" 2>&1; } 2>&1)
  [ -s "$out.json" ] || { echo "the run failed:" >&2; tail -n 3 "$out.log" >&2; exit 1; }
  cpu=$(awk "BEGIN {print $user + $sys}")
}

# waits until the command after PIDS and LOGS succeeds; fails, with the logs' ends, if one of PIDS ends first
wait_for() {
  local watched=$1 logs=$2 p
  shift 2
  until "$@"; do
    for p in $watched; do kill -0 "$p" 2>/dev/null || { echo "a process ended before it was ready:" >&2; tail -n 3 $logs >&2; exit 1; }; done
    sleep 0.1
  done
}

run_local() {
  local out=$work/local-$1
  timed_table "$out"
  echo "round $1  local  wall ${wall} s  CPU ${cpu} s"
}

run_queue() {
  local out=$work/queue-$1 port=$((20000 + RANDOM % 20000))
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" > "$out.redis.log" 2>&1 &
  local redis=$!
  pids=("$redis")
  redis_up() { redis-cli -p "$port" ping > /dev/null 2>&1; }
  wait_for "$redis" "$out.redis.log" redis_up
  local ws=()
  for w in $(seq 1 "$workers"); do
    node "$cli" worker --redis "redis://127.0.0.1:$port" --concurrency "$concurrency" --quiet > "$out.worker$w.log" 2>&1 &
    ws+=($!)
  done
  pids+=("${ws[@]}")
  workers_ready() { [ "$(redis-cli -p "$port" client list | grep -c 'name=bull:.*:w:')" -ge "$workers" ]; }
  wait_for "${ws[*]}" "$out.worker*.log" workers_ready
  timed_table "$out" --redis "redis://127.0.0.1:$port" --store "$out.store"
  local workers_cpu=()
  for p in "${ws[@]}"; do workers_cpu+=("$(cpu "$p")"); done
  echo "round $1  queue  wall ${wall} s  CPU: coordinator ${cpu} s, workers ${workers_cpu[*]} s, redis-server $(cpu "$redis") s  table $(same "$out.json")"
  kill -TERM "${ws[@]}" "$redis"
  wait "${ws[@]}" "$redis" 2>/dev/null || true
  pids=()
  rm -rf "$out.store"
}

# "equal" when the duels of this run's --json are those of the first local run
same() {
  node -e '
    const fs = require("fs");
    const duels = (f) => JSON.stringify(JSON.parse(fs.readFileSync(f, "utf8")).duels);
    console.log(duels(process.argv[1]) === duels(process.argv[2]) ? "equal to local" : "DIFFERENT from local");
  ' "$1" "$work/local-1.json"
}

echo "doctor-vs-search, $seeds seed(s), $rounds round(s); queue: $workers worker(s) × $concurrency; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for r in $(seq 1 "$rounds"); do
  run_local "$r"
  run_queue "$r"
done
