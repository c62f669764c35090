#!/usr/bin/env bash
# Client message API benchmark against the local PostgreSQL (127.0.0.1:5432, user postgres).
#  1. One Parley node (this machine) answering POST /client/v1/messages from an `api` channel at fixed arrival
#     rates, each request a new user and so one whole turn (store, debounce, model, reply in the response), with an
#     instant OpenAI-compatible model (bench/InstantModel.java) on the same box. Reported per step: turns/s answered,
#     end-to-end latency p50/p90/p99 from the scheduled send time, and the model's own time (from the fake).
#     The overhead beyond the model is the latency less the model's time; the debounce window (the quiet time a
#     conversation waits for more messages before its turn, PARLEY_CONVERSATION_DEBOUNCE) is part of it by design,
#     so the steps run twice: with the default debounce and with none.
#  2. pgbench: single-row INSERT transactions on the same server, that hour's ceiling for commits.
# Usage: bench/client.sh [seconds-per-step]   (results are printed; copy them into docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_STEP=${1:-20}
PORT=${BENCH_PORT:-18090}
MODEL_PORT=${BENCH_MODEL_PORT:-18091}
. bench/common.sh

"$JAVA" bench/InstantModel.java --port "$MODEL_PORT" --delay-ms "${MODEL_DELAY_MS:-0}" > target/bench-model.log 2>&1 &
MODEL_PID=$!
model_stats() { curl -sf "localhost:$MODEL_PORT/stats"; echo; }

bench_node() {  # bench_node DEBOUNCE
  start_parley parley_bench_client target/bench-client.log PARLEY_EGRESS_ALLOW="127.0.0.1:$MODEL_PORT" \
    PARLEY_CONVERSATION_DEBOUNCE="$1" PARLEY_RATELIMIT_PERCHATBOTPERHOUR=1000000000
  trap 'kill $PARLEY_PID $MODEL_PID 2>/dev/null || true' EXIT
  ORG=$(api -d '{"name":"Bench"}' "localhost:$PORT/api/v1/organizations" | id_of id)
  api -X PUT -d '{"plan": "enterprise"}' "localhost:$PORT/api/v1/organizations/$ORG/plan" > /dev/null
  BOT=$(api -d "{\"name\":\"Bench\",\"systemPrompt\":\"You answer shipping questions.\",\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o-mini\",\"apiKey\":\"sk-bench\",\"baseUrl\":\"http://127.0.0.1:$MODEL_PORT/v1\"}}" \
        "localhost:$PORT/api/v1/organizations/$ORG/chatbots" | id_of id)
  KEY=$(api -d '{"type":"api","name":"Bench backend"}' "localhost:$PORT/api/v1/chatbots/$BOT/channels" | id_of key)
  echo "warming up the JIT (20 s at 20/s, not measured)"
  "$JAVA" bench/ClientLoad.java --url "http://localhost:$PORT" --key "$KEY" --rate 20 --duration 20 --warmup 1 > /dev/null
  for rate in ${BENCH_RATES:-10 20 40 60 80 100 140 180 240}; do
    read -r calls1 held1 < <(model_stats | sed -E 's/calls=([0-9]+) heldMs=([0-9]+)/\1 \2/')
    line=$("$JAVA" bench/ClientLoad.java --url "http://localhost:$PORT" --key "$KEY" --rate "$rate" \
           --duration "$SECONDS_PER_STEP" --warmup 2)
    read -r calls2 held2 < <(model_stats | sed -E 's/calls=([0-9]+) heldMs=([0-9]+)/\1 \2/')
    echo "debounce=$1 $line model: $((calls2 - calls1)) calls, $(echo "scale=2; ($held2 - $held1) / ($calls2 - $calls1 + 0.0001)" | bc) ms each"
    answered=$(echo "$line" | grep -oE 'answered=[0-9]+' | cut -d= -f2)
    p99=$(echo "$line" | grep -oE ' p99=[0-9]+' | cut -d= -f2)
    if [ "$answered" -lt $((rate * SECONDS_PER_STEP * 95 / 100)) ] || [ "$p99" -gt 10000 ]; then
      echo "rate $rate is past what this node sustains"; break
    fi
  done
  kill $PARLEY_PID; wait $PARLEY_PID 2>/dev/null || true
}

echo "== Parley client API turns, default debounce (1 s)"
bench_node 1s
echo "== Parley client API turns, no debounce"
bench_node 0s
kill $MODEL_PID 2>/dev/null || true

echo "== pgbench ceiling (single-row INSERT per transaction)"
pg -d postgres -c "drop database if exists parley_pgbench" -c "create database parley_pgbench"
pg -d parley_pgbench -c "create table pgbench_ceiling (id bigint, payload text, at timestamptz default now())"
for clients in 8 16; do
  tps=$(pgbench -h 127.0.0.1 -U postgres -n -f bench/pgbench-insert.sql -c "$clients" -j 2 -T "$SECONDS_PER_STEP" parley_pgbench 2>/dev/null \
        | grep -E '^tps' | grep -oE '[0-9]+\.[0-9]+' | head -1)
  echo "pgbench clients=$clients tps=$tps"
done
