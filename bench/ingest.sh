#!/usr/bin/env bash
# Knowledge ingestion benchmark against the local PostgreSQL (127.0.0.1:5432, user postgres): starts Parley from
# target/parley.jar on a fresh database, runs bench/KnowledgeIngestBench.java (end-to-end chunks/s with the
# in-process all-MiniLM-L6-v2 model, solo and mixed with two organizations), then stops it.
# Usage: bench/ingest.sh   (results are printed; copy them into docs/benchmarks.md, "Knowledge" section)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18091}
. bench/common.sh

start_parley parley_bench_ingest target/bench-ingest-parley.log
echo "cores=$(nproc), JDK $("$JAVA" -XshowSettings:properties -version 2>&1 | grep -oE 'java.version = .*' | cut -d' ' -f3)"
"$JAVA" bench/KnowledgeIngestBench.java --url "http://localhost:$PORT" --token "$TOKEN" "$@"
kill $PARLEY_PID; wait $PARLEY_PID 2>/dev/null || true
