#!/usr/bin/env bash
# Console inbox benchmark (issue 15) against the local PostgreSQL (127.0.0.1:5432, user postgres): server time of the
# inbox list with 100,000 conversations and 1,000,000 messages in one organization.
#  1. One Parley node on a database of its own (BENCH_DB, recreated), one organization with a chatbot, a WhatsApp
#     number and a staff member (agent) who signs in to the console with curl.
#  2. Seeds with generate_series: 100,000 contacts (a name, a phone, every 5th an email), 100,000 conversations
#     (one a minute back over 69 days; every 20th owned by a human, every 40th waiting for one, every 50th assigned
#     to the agent), 1,000,000 messages (10 each, contact and bot in turn), 500 failed deliveries, the agent's read
#     position in every 10th conversation; then VACUUM ANALYZE.
#  3. Each case N times (after 3 warm-ups): the Server-Timing the inbox sends (the page's query, in the node) and
#     curl's time to first byte on localhost (query + rendering + HTTP); p50 / p95 / max in ms.
#  4. pgbench: single-row INSERT transactions on the same server, that hour's ceiling.
# Usage: bench/inbox.sh [repetitions]     BENCH_PGBENCH=0 skips pgbench; BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-30}
PORT=${BENCH_PORT:-18095}
DB=${BENCH_DB:-parley_bench_inbox}
. bench/common.sh

start_parley "$DB" target/bench-inbox.log PARLEY_WHATSAPP_VERIFYONCONNECT=false
ORG=$(api -d '{"name":"Inbox bench"}' "localhost:$PORT/api/v1/organizations" | id_of id)
BOT=$(api -d '{"name":"Bench","systemPrompt":"You answer shipping questions.","model":{"provider":"offline"}}' \
      "localhost:$PORT/api/v1/organizations/$ORG/chatbots" | id_of id)
api -d '{"type":"whatsapp","phoneNumberId":"555000111222999","accessToken":"EAAbench","appSecret":"bench-secret","verifyToken":"v"}' \
  "localhost:$PORT/api/v1/chatbots/$BOT/channels" > /dev/null
EMAIL=agent@inbox.bench
PASSWORD="correct horse battery staple"
STAFF=$(api -d "{\"email\":\"$EMAIL\",\"name\":\"Bench Agent\",\"role\":\"agent\",\"password\":\"$PASSWORD\"}" \
        "localhost:$PORT/api/v1/organizations/$ORG/users" | id_of id)
ACCOUNT=$(pg -d "$DB" -c "select id from channel_accounts where chatbot_id = '$BOT'")

echo "== seeding 100,000 conversations and 1,000,000 messages ($(date -u +%H:%M) UTC)"
started=$(date +%s)
pg -d "$DB" -v ON_ERROR_STOP=1 <<SQL
set synchronous_commit = off;
insert into contacts (id, organization_id, chatbot_id, display_name, created_at, last_seen_at)
select md5('c' || g)::uuid, '$ORG', '$BOT',
       (array['Ada','Grace','Alan','Edsger','Barbara','Donald','Ken','Linus','Margaret','Tim'])[1 + g % 10] || ' '
       || (array['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Thompson','Torvalds','Hamilton','Berners'])[1 + (g / 10) % 10]
       || ' ' || g, now(), now()
from generate_series(1, 100000) g;
insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id)
select '$BOT', 'phone', '+1555' || lpad(g::text, 7, '0'), md5('c' || g)::uuid, '$ORG' from generate_series(1, 100000) g;
insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id)
select '$BOT', 'email', 'customer' || g || '@example.com', md5('c' || g)::uuid, '$ORG' from generate_series(5, 100000, 5) g;
insert into conversations (id, organization_id, chatbot_id, contact_id, channel_account_id, channel, owner,
    last_message_at, last_inbound_at, created_at, assigned_to)
select md5('v' || g)::uuid, '$ORG', '$BOT', md5('c' || g)::uuid, '$ACCOUNT', 'whatsapp',
       case when g % 20 = 0 then 'human' else 'bot' end,
       t, case when g % 40 = 0 then t else t - interval '1 second' end, t - interval '1 day',
       case when g % 50 = 0 then '$STAFF'::uuid end
from generate_series(1, 100000) g, lateral (select now() - g * interval '1 minute' as t) x;
insert into messages (id, organization_id, conversation_id, role, content, created_at)
select md5('m' || g || '-' || k)::uuid, '$ORG', md5('v' || g)::uuid,
       case when k % 2 = 1 then 'user' else 'assistant' end,
       (array['Where is my parcel?', 'Your parcel left our warehouse today.', 'Can I change my delivery address?',
              'Yes, reply with the new address.', 'Do you ship to Canada?', 'We ship to Canada in 5 days.',
              'Thanks, that helps', 'Happy to help!', 'What does express shipping cost?',
              'Express costs 9 euros.'])[k] || case when k = 1 then ' ref-' || g else '' end,
       now() - g * interval '1 minute' - (10 - k) * interval '1 second'
from generate_series(100000, 1, -1) g, generate_series(1, 10) k
order by g desc, k;
insert into outbound_messages (id, organization_id, conversation_id, message_id, channel_account_id, channel,
    recipient, payload, status, idempotency_key)
select md5('o' || g)::uuid, '$ORG', md5('v' || g)::uuid, md5('m' || g || '-10')::uuid, '$ACCOUNT', 'whatsapp',
       '+1555' || lpad(g::text, 7, '0'), '{}', 'failed', 'message:' || md5('m' || g || '-10')::uuid
from generate_series(200, 100000, 200) g;
insert into conversation_reads (staff_user_id, conversation_id, read_sequence, read_at)
select '$STAFF', m.conversation_id, m.seq, now() from messages m
where m.id in (select md5('m' || g || '-5')::uuid from generate_series(10, 100000, 10) g);
SQL
pg -d "$DB" -c "vacuum analyze"
echo "seeded in $(( $(date +%s) - started )) s: $(pg -d "$DB" -c "select count(*) from conversations") conversations, $(pg -d "$DB" -c "select count(*) from messages") messages"

JAR=$(mktemp)
trap 'kill $PARLEY_PID 2>/dev/null || true; rm -f "$JAR"' EXIT
csrf=$(curl -s -c "$JAR" -b "$JAR" "localhost:$PORT/console/login" | grep -oE 'name="_csrf" value="[^"]+"' | head -1 | cut -d'"' -f4)
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "_csrf=$csrf" "localhost:$PORT/console/login"
DEEP=$(pg -d "$DB" -c "select (extract(epoch from last_message_at) * 1000000)::bigint || '_' || id from conversations
                        order by last_message_at desc, id desc offset 60000 limit 1")

# measure LABEL QUERY: N requests of /console?QUERY; prints a table row with the server time and time to first byte.
measure() {
  local label=$1 query=$2 server=() ttfb=() out
  for i in $(seq 1 $((N + 3))); do
    out=$(curl -s -b "$JAR" -o /tmp/bench-inbox-page.html -D - -w 'TTFB %{time_starttransfer}\n' "localhost:$PORT/console?$query")
    [ "$i" -le 3 ] && continue
    server+=("$(echo "$out" | grep -i '^server-timing' | grep -oE 'dur=[0-9.]+' | cut -d= -f2)")
    ttfb+=("$(echo "$out" | grep '^TTFB' | awk '{printf "%.1f", $2 * 1000}')")
  done
  local items status
  items=$(grep -c 'data-test="inbox-item"' /tmp/bench-inbox-page.html || true)
  status=$(echo "$out" | head -1 | awk '{print $2}')
  printf '| %s | `%s` | %s | %s | %s |\n' "$label" "${query:-(none)}" "$status/$items" \
    "$(printf '%s\n' "${server[@]}" | stats)" "$(printf '%s\n' "${ttfb[@]}" | stats)"
}
stats() { sort -n | awk '{v[NR]=$1} END {printf "%.1f / %.1f / %.1f", v[int((NR+1)/2)], v[int(NR*0.95+0.5)], v[NR]}'; }

echo "== inbox list, $N requests each ($(date -u '+%Y-%m-%d %H:%M') UTC)"
echo "| case | query | status/items | server ms p50 / p95 / max | TTFB ms p50 / p95 / max |"
echo "|---|---|---|---|---|"
measure "first page" ""
measure "deep page (after the 60,000th)" "after=$DEEP"
measure "channel" "channel=whatsapp"
measure "chatbot" "chatbot=$BOT"
measure "owner bot" "owner=bot"
measure "owner human" "owner=human"
measure "waiting for a human" "waiting=on"
measure "assigned to me" "mine=on"
measure "unassigned" "unassigned=on"
measure "failed delivery" "failed=on"
measure "all filters at once" "owner=human&waiting=on&unassigned=on&channel=whatsapp&chatbot=$BOT"
measure "search: name (10 % match)" "q=hopper"
measure "search: name, one contact" "q=Liskov+4242"
measure "search: phone" "q=%2B1555+0042"
measure "search: email" "q=customer4240%40example"
measure "search: message text (common)" "q=canada"
measure "search: message text (one conversation)" "q=ref-1234"
measure "search: no match" "q=zebra-crossing"
measure "search + failed, deep" "q=parcel&failed=on"

if [ "${BENCH_EXPLAIN:-0}" = 1 ]; then
  grep -o 'inbox;dur=[0-9.]*' target/bench-inbox.log | head -1 || true
fi

if [ "${BENCH_PGBENCH:-1}" = 1 ]; then
  echo "== pgbench ceiling (single-row INSERT per transaction, 10 s, $(date -u +%H:%M) UTC)"
  pg -d postgres -c "drop database if exists parley_pgbench_inbox" -c "create database parley_pgbench_inbox"
  pg -d parley_pgbench_inbox -c "create table pgbench_ceiling (id bigint, payload text, at timestamptz default now())"
  for clients in 8 16; do
    tps=$(pgbench -h 127.0.0.1 -U postgres -n -f bench/pgbench-insert.sql -c "$clients" -j 2 -T 10 parley_pgbench_inbox 2>/dev/null \
          | grep -E '^tps' | grep -oE '[0-9]+\.[0-9]+' | head -1)
    echo "pgbench clients=$clients tps=$tps"
  done
  pg -d postgres -c "drop database if exists parley_pgbench_inbox"
fi
