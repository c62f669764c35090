#!/usr/bin/env bash
# Turn benchmark against the local PostgreSQL (127.0.0.1:5432, user postgres): the whole conversation, from a
# signed WhatsApp webhook to the reply at the Graph API.
#  1. One Parley node (this machine) with an OpenAI-compatible model on the same box (bench/InstantModel.java;
#     MODEL_DELAY_MS gives it a fixed delay) and a fake Graph API inside the load driver (bench/TurnLoad.java),
#     which sends webhooks at fixed arrival rates, each from a new contact, and measures each reply's latency from
#     the message's scheduled send time. Reported per step: turns/s, latency p50/p90/p99/max, CPU per turn of
#     Parley and PostgreSQL, statements per turn (pg_stat_statements), heap, exactly-one-reply check.
#  2. pgbench: single-row INSERT transactions on the same server, that hour's ceiling for commits.
# Usage: bench/turn.sh [seconds-per-step]
#   BENCH_RATES="50 100 150 200 250"  the ladder        BENCH_DEBOUNCE=1s  the quiet window (default: Parley's)
#   MODEL_DELAY_MS=0                  the model's time  BENCH_BURST=2      messages per contact (200 ms apart)
#   BENCH_PGBENCH=0                   skip pgbench      BENCH_JFR=1        record a JFR profile of the node
#   BENCH_ENV="VAR=value ..."         extra settings for the node
#   BENCH_STATUS_RATE=3000            status webhooks per second (sent/delivered/read of BENCH_STATUS_IDS seeded
#                                     campaign messages) during the measured steps, beside the turns
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_STEP=${1:-20}
PORT=${BENCH_PORT:-18090}
MODEL_PORT=${BENCH_MODEL_PORT:-18091}
GRAPH_PORT=${BENCH_GRAPH_PORT:-18092}
DB=parley_bench_turn
. bench/common.sh

pg -d postgres -c "create extension if not exists pg_stat_statements" 2>/dev/null \
  || echo "pg_stat_statements is not loaded (shared_preload_libraries): statements per turn are not reported"
"$JAVA" bench/InstantModel.java --port "$MODEL_PORT" --delay-ms "${MODEL_DELAY_MS:-0}" > target/bench-model.log 2>&1 &
MODEL_PID=$!

JFR_OPTS=""
[ "${BENCH_JFR:-0}" = 1 ] && JFR_OPTS="-XX:StartFlightRecording=filename=target/bench-turn.jfr,settings=profile"
DEBOUNCE_ENV=""
[ -n "${BENCH_DEBOUNCE:-}" ] && DEBOUNCE_ENV="PARLEY_CONVERSATION_DEBOUNCE=$BENCH_DEBOUNCE"
# Meta's default pace is 80 messages/s per number (higher tiers reach 1,000/s): raised so the node is measured.
start_parley "$DB" target/bench-turn.log JAVA_TOOL_OPTIONS="$JFR_OPTS" \
  PARLEY_EGRESS_ALLOW="127.0.0.1:$MODEL_PORT,127.0.0.1:$GRAPH_PORT" \
  PARLEY_WHATSAPP_GRAPH_URL="http://127.0.0.1:$GRAPH_PORT/v22.0" PARLEY_WHATSAPP_VERIFYONCONNECT=false \
  PARLEY_RATELIMIT_PERCHATBOTPERHOUR=1000000000 PARLEY_DELIVERY_MESSAGES_PER_SECOND=1000 \
  $DEBOUNCE_ENV ${BENCH_ENV:-}
trap 'kill $PARLEY_PID $MODEL_PID 2>/dev/null || true' EXIT
whatsapp_bench_bot

STORM_OPTS=""
if [ -n "${BENCH_STATUS_RATE:-}" ]; then
  # A campaign's messages, already sent, for the status storm: one short run creates a conversation to hang them on.
  "$JAVA" bench/TurnLoad.java --url "http://localhost:$PORT/webhooks/whatsapp" --secret bench-secret \
    --phone-number-id "$PHONE" --graph-port "$GRAPH_PORT" --rates 5 --duration 2 > /dev/null
  IDS=${BENCH_STATUS_IDS:-60000}
  pg -d "$DB" -c "with c as (select * from conversations limit 1),
    m as (insert into messages (id, organization_id, conversation_id, role, type, content, needs_reply, created_at)
          select gen_random_uuid(), c.organization_id, c.id, 'assistant', 'text', 'campaign ' || g, false, now()
          from c, generate_series(1, $IDS) g returning id, organization_id, conversation_id, content)
    insert into outbound_messages (id, organization_id, conversation_id, message_id, channel_account_id, channel,
      recipient, payload, status, status_rank, provider_message_id, lane, idempotency_key)
    select gen_random_uuid(), m.organization_id, m.conversation_id, m.id, a.id, 'whatsapp', '15550000000',
      '{\"type\":\"text\",\"text\":\"campaign\"}', 'sending', 1, 'wamid.CAMPAIGN' || substr(m.content, 10),
      'campaign', 'campaign-' || m.content
    from m, (select id from channel_accounts limit 1) a" > /dev/null
  echo "seeded $IDS campaign messages for the status storm"
  STORM_OPTS="--status-rate $BENCH_STATUS_RATE --status-ids $IDS"
fi
RATES=$(echo "${BENCH_RATES:-50 100 150 200 250 300}" | tr ' ' ',')
echo "== Parley turns via the WhatsApp webhook: debounce=${BENCH_DEBOUNCE:-default} model delay=${MODEL_DELAY_MS:-0} ms burst=${BENCH_BURST:-1}"
"$JAVA" bench/TurnLoad.java --url "http://localhost:$PORT/webhooks/whatsapp" --secret bench-secret \
  --phone-number-id "$PHONE" --graph-port "$GRAPH_PORT" --rates "$RATES" --duration "$SECONDS_PER_STEP" \
  --warmup-rate "${BENCH_WARMUP_RATE:-40}" --warmup "${BENCH_WARMUP:-20}" --burst "${BENCH_BURST:-1}" \
  --parley-pid "$PARLEY_PID" --database "$DB" --drain "${BENCH_DRAIN:-30}" $STORM_OPTS && status=0 || status=$?
if [ "${BENCH_STATEMENTS:-0}" = 1 ]; then
  echo "== top statements in $DB (calls)"
  pg -d postgres -c "select calls, left(regexp_replace(query, '\s+', ' ', 'g'), 140) from pg_stat_statements
    where dbid = (select oid from pg_database where datname = '$DB') order by calls desc limit 40"
fi
kill $PARLEY_PID; wait $PARLEY_PID 2>/dev/null || true
kill $MODEL_PID 2>/dev/null || true

if [ "${BENCH_PGBENCH:-1}" != 0 ]; then
  echo "== pgbench ceiling (single-row INSERT per transaction)"
  pg -d postgres -c "drop database if exists parley_pgbench" -c "create database parley_pgbench"
  pg -d parley_pgbench -c "create table pgbench_ceiling (id bigint, payload text, at timestamptz default now())"
  for clients in 8 16; do
    tps=$(pgbench -h 127.0.0.1 -U postgres -n -f bench/pgbench-insert.sql -c "$clients" -j 2 -T "$SECONDS_PER_STEP" parley_pgbench 2>/dev/null \
          | grep -E '^tps' | grep -oE '[0-9]+\.[0-9]+' | head -1)
    echo "pgbench clients=$clients tps=$tps"
  done
fi
exit $status
