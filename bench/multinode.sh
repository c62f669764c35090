#!/usr/bin/env bash
# Several Parley nodes on one PostgreSQL (127.0.0.1:5432), sharing pacing through Redis (127.0.0.1:6379): the turn
# benchmark of bench/turn.sh with webhooks spread over the nodes (connection c goes to node c mod N). Reported per
# step: turns/s, latency, CPU per turn summed over the nodes and PostgreSQL, statements per turn, each node's heap,
# exactly one reply per message; then how the turns and sends were spread over the nodes (from their logs).
# Usage: bench/multinode.sh NODES [seconds-per-step]
#   BENCH_RATES="50 100 150"   the ladder           BENCH_CPUS="0 1 0"   taskset CPU list per node (default: none)
#   MODEL_DELAY_MS=0           the model's time     BENCH_ENV="VAR=value ..."  extra settings for every node
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-2}
SECONDS_PER_STEP=${2:-20}
PORT=${BENCH_PORT:-18090}
MODEL_PORT=${BENCH_MODEL_PORT:-18081}
GRAPH_PORT=${BENCH_GRAPH_PORT:-18082}
DB=parley_bench_multi
. bench/common.sh

pg -d postgres -c "create extension if not exists pg_stat_statements" 2>/dev/null || true
pg -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
redis-cli -h 127.0.0.1 --scan --pattern 'parley:bench:*' | xargs -r redis-cli -h 127.0.0.1 del > /dev/null || true
"$JAVA" bench/InstantModel.java --port "$MODEL_PORT" --delay-ms "${MODEL_DELAY_MS:-0}" > target/bench-model.log 2>&1 &
MODEL_PID=$!
PIDS=()
URLS=()
read -r -a CPUS <<< "${BENCH_CPUS:-}"
cleanup() { kill "${PIDS[@]}" $MODEL_PID 2>/dev/null || true; }
trap cleanup EXIT
for ((n = 0; n < NODES; n++)); do
  port=$((PORT + n))
  pin=()
  [ -n "${CPUS[$n]:-}" ] && pin=(taskset -c "${CPUS[$n]}")
  env PARLEY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PARLEY_DB_USER=postgres PARLEY_ADMIN_TOKEN=$TOKEN \
    PARLEY_MASTER_KEY="MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" PARLEY_DEMO=false PORT=$port \
    PARLEY_REDIS_URL=redis://127.0.0.1:6379 PARLEY_DELIVERY_REDIS_KEY_PREFIX=parley:bench:pacing: \
    PARLEY_EGRESS_ALLOW="127.0.0.1:$MODEL_PORT,127.0.0.1:$GRAPH_PORT" \
    PARLEY_WHATSAPP_GRAPH_URL="http://127.0.0.1:$GRAPH_PORT/v22.0" PARLEY_WHATSAPP_VERIFYONCONNECT=false \
    PARLEY_RATELIMIT_PERCHATBOTPERHOUR=1000000000 PARLEY_DELIVERY_MESSAGES_PER_SECOND=1000 ${BENCH_ENV:-} \
    "${pin[@]}" "$JAVA" -Xmx1g -jar "$PARLEY_JAR" > "target/bench-node-$n.log" 2>&1 &
  PIDS+=($!)
  URLS+=("http://localhost:$port/webhooks/whatsapp")
  # The first node migrates the schema; the others start once it is ready.
  until curl -sf "localhost:$port/ready" > /dev/null; do sleep 1; done
done
whatsapp_bench_bot

echo "== $NODES node(s) on one PostgreSQL, cpus: ${BENCH_CPUS:-not pinned}"
RATES=$(echo "${BENCH_RATES:-50 100 150 200}" | tr ' ' ',')
"$JAVA" bench/TurnLoad.java --url "$(IFS=,; echo "${URLS[*]}")" --secret bench-secret --phone-number-id "$PHONE" \
  --graph-port "$GRAPH_PORT" --rates "$RATES" --duration "$SECONDS_PER_STEP" --warmup-rate "${BENCH_WARMUP_RATE:-40}" \
  --warmup "${BENCH_WARMUP:-20}" --parley-pid "$(IFS=,; echo "${PIDS[*]}")" --database "$DB" \
  --drain "${BENCH_DRAIN:-30}" && status=0 || status=$?
echo "== work per node (turn and delivery jobs run, from each node's metrics)"
for ((n = 0; n < NODES; n++)); do
  metrics=$(curl -sf -H "Authorization: Bearer $TOKEN" "localhost:$((PORT + n))/actuator/prometheus" || true)
  turns=$(echo "$metrics" | grep -E '^parley_turn_seconds_count' | awk '{s+=$2} END {print s+0}')
  sends=$(echo "$metrics" | grep -E '^parley_delivery_seconds_count' | awk '{s+=$2} END {print s+0}')
  echo "node $n: turns=$turns deliveries=$sends"
done
echo "== sends per outbound message (more than one attempt means a resend)"
pg -d "$DB" -c "select attempts, count(*) from outbound_messages group by 1 order by 1"
exit $status
