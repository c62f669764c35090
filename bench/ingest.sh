#!/usr/bin/env bash
# Knowledge ingestion benchmark against the local PostgreSQL (127.0.0.1:5432, user postgres): starts Parley from
# target/parley.jar on a fresh database, runs bench/KnowledgeIngestBench.java (end-to-end chunks/s with the
# in-process all-MiniLM-L6-v2 model, solo and mixed with two organizations), then stops it.
# Usage: bench/ingest.sh   (results are printed; copy them into docs/benchmarks.md, "Knowledge" section)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18091}
find_java() {  # the first JDK >= 21 under /usr/lib/jvm (the machine's default java may be older)
  for dir in /usr/lib/jvm/*; do
    version=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | grep -oE 'java.specification.version = [0-9]+' | grep -oE '[0-9]+$' || true)
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then echo "$dir/bin/java"; return; fi
  done
  echo "no JDK >= 21 found under /usr/lib/jvm; set JAVA" >&2; exit 1
}
JAVA=${JAVA:-$(find_java)}
pg() { psql -h 127.0.0.1 -U postgres -X -q -tA "$@"; }

[ -f target/parley.jar ] || ./mvnw -q -DskipTests package

pg -d postgres -c "drop database if exists parley_bench_ingest with (force)" -c "create database parley_bench_ingest"
TOKEN=bench-admin-token
PARLEY_DB_URL="jdbc:postgresql://127.0.0.1:5432/parley_bench_ingest" PARLEY_DB_USER=postgres PARLEY_ADMIN_TOKEN=$TOKEN \
PARLEY_MASTER_KEY="MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" PARLEY_DEMO=false PORT=$PORT \
"$JAVA" -Xmx1g -jar target/parley.jar > target/bench-ingest-parley.log 2>&1 &
PARLEY_PID=$!
trap 'kill $PARLEY_PID 2>/dev/null || true' EXIT
until curl -sf "localhost:$PORT/ready" >/dev/null; do sleep 1; done
echo "cores=$(nproc), JDK $("$JAVA" -XshowSettings:properties -version 2>&1 | grep -oE 'java.version = .*' | cut -d' ' -f3)"
"$JAVA" bench/KnowledgeIngestBench.java --url "http://localhost:$PORT" --token "$TOKEN" "$@"
kill $PARLEY_PID; wait $PARLEY_PID 2>/dev/null || true
