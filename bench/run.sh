#!/usr/bin/env bash
# Webhook ingest benchmark against the local PostgreSQL (127.0.0.1:5432, user postgres).
#  1. Parley (one node, this machine) ingesting signed webhooks at fixed rates from 200/s upwards until it can no
#     longer keep up; acknowledge latency from bench/WebhookLoad.java, CPU per webhook from /proc.
#  2. pgbench: single-row INSERT transactions on the same server, the physical ceiling for commits.
#  3. pgbench replaying Parley's own ingest transaction: PostgreSQL's ceiling for the work one webhook needs.
# Turn processing is switched off on the measured node (db-scheduler.enabled=false) so that only the ingest
# path (verify, parse, one transaction, 200) is measured; turns queue up in scheduled_tasks meanwhile.
# Usage: bench/run.sh [seconds-per-step]   (results are printed; copy them into docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_STEP=${1:-30}
PORT=${BENCH_PORT:-18090}
. bench/common.sh

echo "== Parley ingest"
# The bench number exists at no Graph API (and nothing is ever sent to one), so connecting it is not verified.
start_parley parley_bench target/bench-parley.log DBSCHEDULER_ENABLED=false PARLEY_RATELIMIT_PERCHATBOTPERHOUR=1000000000 \
  PARLEY_WHATSAPP_VERIFYONCONNECT=false

ORG=$(api -d '{"name":"Bench"}' "localhost:$PORT/api/v1/organizations" | grep -oE '"id":"[^"]+"' | head -1 | cut -d'"' -f4)
BOT=$(api -d '{"name":"Bench","systemPrompt":"Bench"}' "localhost:$PORT/api/v1/organizations/$ORG/chatbots" | grep -oE '"id":"[^"]+"' | head -1 | cut -d'"' -f4)
PHONE=555000111222333
api -d "{\"type\":\"whatsapp\",\"phoneNumberId\":\"$PHONE\",\"accessToken\":\"EAAbench\",\"appSecret\":\"bench-secret\",\"verifyToken\":\"v\"}" \
  "localhost:$PORT/api/v1/chatbots/$BOT/channels" >/dev/null

cpu() {  # cumulative CPU seconds: parley (user sys), all postgres processes (user sys)
  awk '{printf "%.2f %.2f ", $14/100, $15/100}' "/proc/$PARLEY_PID/stat"
  for p in $(pgrep -u postgres); do awk '{print $14" "$15}' "/proc/$p/stat" 2>/dev/null; done | awk '{u+=$1; s+=$2} END {printf "%.2f %.2f\n", u/100, s/100}'
}
stored() { pg -d parley_bench -c 'select count(*) from messages'; }
load() { "$JAVA" bench/WebhookLoad.java --url "http://localhost:$PORT/webhooks/whatsapp" --secret bench-secret \
           --phone-number-id "$PHONE" --rate "$1" --duration "$SECONDS_PER_STEP" --warmup 5 --contacts 20000; }
echo "warming up the JIT (60 s at 300/s, not measured)"
"$JAVA" bench/WebhookLoad.java --url "http://localhost:$PORT/webhooks/whatsapp" --secret bench-secret \
  --phone-number-id "$PHONE" --rate 300 --duration 55 --warmup 5 --contacts 20000 > /dev/null
for rate in 200 400 600 800 1000 1200 1400 1600 2000 2400 2800 3200 4000; do
  read -r pu1 ps1 gu1 gs1 < <(cpu); n1=$(stored)
  line=$(load "$rate")
  read -r pu2 ps2 gu2 gs2 < <(cpu); n2=$(stored)
  echo "$line"
  awk -v n=$((n2 - n1)) -v pu=$(echo "$pu2 - $pu1" | bc) -v ps=$(echo "$ps2 - $ps1" | bc) -v gu=$(echo "$gu2 - $gu1" | bc) \
      -v gs=$(echo "$gs2 - $gs1" | bc) 'BEGIN { printf "  CPU per stored webhook: parley %.2f ms (user %.2f, sys %.2f), postgres %.2f ms (user %.2f, sys %.2f) over %d messages\n", 1000*(pu+ps)/n, 1000*pu/n, 1000*ps/n, 1000*(gu+gs)/n, 1000*gu/n, 1000*gs/n, n }'

  achieved=$(echo "$line" | grep -oE 'achieved=[0-9]+' | cut -d= -f2)
  p99=$(echo "$line" | grep -oE ' p99=[0-9.]+' | cut -d= -f2 | cut -d. -f1)
  if [ "$achieved" -lt $((rate * 95 / 100)) ] || [ "$p99" -gt 250 ]; then
    echo "rate $rate is past what this node sustains"; break
  fi
done
echo "stored messages: $(stored)"

kill $PARLEY_PID; wait $PARLEY_PID 2>/dev/null || true
[ "${BENCH_PGBENCH:-1}" = 1 ] || exit 0
# The pgbench phases run last: their millions of rows would otherwise keep the checkpointer and autovacuum busy
# (CPU charged to PostgreSQL) while Parley is measured.
pg -d postgres -c checkpoint
echo "== pgbench ceiling (single-row INSERT per transaction)"
pg -d postgres -c "drop database if exists parley_pgbench" -c "create database parley_pgbench"
pg -d parley_pgbench -c "create table pgbench_ceiling (id bigint, payload text, at timestamptz default now())"
for clients in 4 8 16 32; do
  tps=$(pgbench -h 127.0.0.1 -U postgres -n -f bench/pgbench-insert.sql -c "$clients" -j 2 -T "$SECONDS_PER_STEP" parley_pgbench 2>/dev/null \
        | grep -E '^tps' | grep -oE '[0-9]+\.[0-9]+' | head -1)
  echo "pgbench clients=$clients tps=$tps"
done


echo "== PostgreSQL alone: the same ingest statements replayed by pgbench (prepared statements)"
read -r ORG_ID BOT_ID ACCOUNT_ID < <(pg -d parley_bench -c "select organization_id, chatbot_id, id from channel_accounts limit 1" | tr '|' ' ')
for batch in 1 32; do
  { echo "BEGIN;"; for _ in $(seq "$batch"); do
      sed -e "s/@ORG@/$ORG_ID/g" -e "s/@BOT@/$BOT_ID/g" -e "s/@ACCOUNT@/$ACCOUNT_ID/g" -e '/^--/d' bench/pgbench-ingest.sql.template
    done; echo "COMMIT;"; } > "target/pgbench-ingest-$batch.sql"
  for clients in 8 16; do
    tps=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -f "target/pgbench-ingest-$batch.sql" -c "$clients" -j 2 -T "$SECONDS_PER_STEP" parley_bench 2>/dev/null \
          | grep -E '^tps' | grep -oE '[0-9]+\.[0-9]+' | head -1)
    echo "pgbench ingest statements, $batch webhook(s) per transaction, clients=$clients: $(echo "$tps * $batch" | bc | cut -d. -f1) webhooks/s"
  done
done
sed -e "s/@ORG@/$ORG_ID/g" -e "s/@BOT@/$BOT_ID/g" -e "s/@ACCOUNT@/$ACCOUNT_ID/g" -e '/^--/d' bench/pgbench-ingest-setbased.sql.template \
  > target/pgbench-ingest-setbased.sql
for clients in 4 8; do
  tps=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -f target/pgbench-ingest-setbased.sql -c "$clients" -j 2 -T "$SECONDS_PER_STEP" parley_bench 2>/dev/null \
        | grep -E '^tps' | grep -oE '[0-9]+\.[0-9]+' | head -1)
  echo "pgbench ingest writes, set-based, 32 webhooks per transaction, clients=$clients: $(echo "$tps * 32" | bc | cut -d. -f1) webhooks/s"
done
