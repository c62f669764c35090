#!/usr/bin/env bash
# Slow models at scale (issue 14, item 3; ADR 51): thousands of conversations whose model takes 2 s each, all
# arriving within a few seconds, through bench/turn.sh (the real webhook, the fake Graph API, bench/InstantModel.java
# with a fixed delay). Besides turn.sh's own report (turns/s, latency, heap after the step, lost/duplicates), it
# samples the node every 0.5 s while the load runs (target/slow-model-samples.tsv) and prints what bound the run:
#   calls open at the fake model   from the model time InstantModel reports (/stats), as a mean over 10 s windows
#   in_flight / waiting            parley_llm_in_flight / parley_llm_waiting (the per-server bound)
#   turns_queued                   parley_turn_queued (turns waiting for a work permit)
#   heap                           the node's used heap (jvm_memory_used_bytes, area=heap)
#   db_pending                     requests waiting for a database connection (hikaricp_connections_pending)
#   CPU                            the machine's and the node's share (system_cpu_usage, process_cpu_usage)
# and db-scheduler's statements (lock-and-fetch, heartbeats) from pg_stat_statements.
# Usage: bench/slow-model.sh [seconds]   (default 5: 5,000 contacts at 1,000/s)
#   MODEL_DELAY_MS=2000   the model's time         BENCH_RATES=1000   arrivals per second
#   BENCH_DRAIN=300       seconds to wait for the last replies (the old node needed 200)
#   BENCH_ENV="..."       extra node settings (e.g. PARLEY_LLM_MAX_IN_FLIGHT=200 DBSCHEDULER_THREADS=300)
#   BENCH_DB=name         a database of its own instead of turn.sh's parley_bench_turn (a machine shared by runs)
#   BENCH_PORT, BENCH_MODEL_PORT, BENCH_GRAPH_PORT   as for turn.sh
set -euo pipefail
cd "$(dirname "$0")/.."
STEP_SECONDS=${1:-5}
export MODEL_DELAY_MS=${MODEL_DELAY_MS:-2000}
export BENCH_RATES=${BENCH_RATES:-1000}
export BENCH_PGBENCH=${BENCH_PGBENCH:-0}
export BENCH_DRAIN=${BENCH_DRAIN:-300}
# Warm-up: 20 s at 20/s (400 turns, below what the old node sustained) so the step measures compiled code.
export BENCH_WARMUP_RATE=${BENCH_WARMUP_RATE:-20}
export BENCH_WARMUP=${BENCH_WARMUP:-20}
export BENCH_STATEMENTS=${BENCH_STATEMENTS:-1}
export BENCH_PORT=${BENCH_PORT:-18090}
export BENCH_MODEL_PORT=${BENCH_MODEL_PORT:-18091}
export BENCH_GRAPH_PORT=${BENCH_GRAPH_PORT:-18092}
# The fakes (JDK HttpServer) close idle keep-alive connections past 200; after a burst of hundreds of model calls
# Parley would reuse some the fake just closed and report them as a model outage. Not the node's limit: raised for
# the fakes only (turn.sh gives Parley its own JAVA_TOOL_OPTIONS).
export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Dsun.net.httpserver.maxIdleConnections=10000"
TOKEN=bench-admin-token

TURN=bench/turn.sh
if [ -n "${BENCH_DB:-}" ]; then
  TURN=target/turn-$BENCH_DB.sh # the same script on another database; run from here, it cd's to the checkout
  sed "s/^DB=parley_bench_turn$/DB=$BENCH_DB/" bench/turn.sh > "$TURN"
  grep -q "^DB=$BENCH_DB$" "$TURN" || { echo "bench/turn.sh no longer names its database on one line" >&2; exit 1; }
fi

SAMPLES=target/slow-model-samples.tsv
: > "$SAMPLES"
sample() { # per 0.5 s: seconds held_ms in_flight waiting heap_mb db_pending system_cpu process_cpu working queued
  local t0 held metrics
  t0=$(date +%s.%N)
  while sleep 0.5; do
    held=$(curl -sf --max-time 1 "localhost:$BENCH_MODEL_PORT/stats" | sed -n 's/.*heldMs=\([0-9]*\).*/\1/p' || true)
    metrics=$(curl -sf --max-time 2 -H "Authorization: Bearer $TOKEN" "localhost:$BENCH_PORT/actuator/prometheus" || true)
    [ -n "$held" ] && [ -n "$metrics" ] || continue
    awk -v t="$(date +%s.%N)" -v t0="$t0" -v held="$held" '
      /^parley_llm_in_flight/ { inflight += $NF }
      /^parley_llm_waiting/ { waiting += $NF }
      /^jvm_memory_used_bytes\{.*area="heap"/ { heap += $NF }
      /^hikaricp_connections_pending/ { pending += $NF }
      /^system_cpu_usage/ { sys = $NF }
      /^process_cpu_usage/ { process = $NF }
      /^parley_turn_working/ { working = $NF }
      /^parley_turn_queued/ { queued = $NF }
      END { printf "%.2f\t%d\t%d\t%d\t%.0f\t%d\t%.2f\t%.2f\t%d\t%d\n", t - t0, held, inflight, waiting,
            heap / 1048576, pending, sys, process, working, queued }' <<< "$metrics" >> "$SAMPLES"
  done
}
sample &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null || true' EXIT
status=0
bash "$TURN" "$STEP_SECONDS" || status=$?
kill $SAMPLER 2>/dev/null || true

DB=${BENCH_DB:-parley_bench_turn}
echo "== db-scheduler's statements in $DB (pg_stat_statements): calls, rows, rows per call"
psql -h 127.0.0.1 -U postgres -X -q -tA -F' ' -d postgres -c "select calls, rows, round(rows::numeric / greatest(calls, 1), 1),
    left(regexp_replace(query, '\s+', ' ', 'g'), 90) from pg_stat_statements
    where dbid = (select oid from pg_database where datname = '$DB') and query ilike '%scheduled_tasks%'
    order by calls desc limit 8" 2>/dev/null || echo "(pg_stat_statements not loaded)"
echo "== sampled every 0.5 s while the node ran (target/slow-model-samples.tsv)"
# Calls open at the fake model, from the model time it adds up as each call ends: over a window much longer than one
# call, held time per second is the mean number of calls open in it (shorter windows swing with the bursts in which
# calls end). The CPU shares are those of the same busiest 10 s.
awk -F'\t' '
  { t[NR] = $1; held[NR] = $2; sys[NR] = $7; node[NR] = $8
    if ($3 > inflight) inflight = $3; if ($4 > waiting) waiting = $4
    if ($5 > heap) heap = $5; if ($6 > pending) pending = $6; if ($10 > queued) queued = $10 }
  END {
    for (i = 1; i <= NR; i++) {
      for (j = i; j <= NR && t[j] - t[i] < 10; j++) {}
      if (j <= NR) { calls = (held[j] - held[i]) / 1000 / (t[j] - t[i]); if (calls > peak) { peak = calls; from = i; to = j } }
    }
    for (i = from; i <= to; i++) { n++; s += sys[i]; p += node[i] }
    printf "busiest 10 s: %.0f model calls open at the fake on average; CPU system=%.2f node=%.2f (1.00 = both cores)\n",
           peak, n ? s / n : 0, n ? p / n : 0
    printf "peak: in_flight=%d waiting=%d heap=%dMB db_pending=%d turns_queued=%d\n", inflight, waiting, heap, pending, queued
  }' "$SAMPLES"
exit $status
