# Shared by the benchmark scripts (sourced, not run): the JDK, psql, and one Parley node on a fresh database.
find_java() {  # the first JDK >= 21 under /usr/lib/jvm (the machine's default java may be older)
  for dir in /usr/lib/jvm/*; do
    version=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | grep -oE 'java.specification.version = [0-9]+' | grep -oE '[0-9]+$' || true)
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then echo "$dir/bin/java"; return; fi
  done
  echo "no JDK >= 21 found under /usr/lib/jvm; set JAVA" >&2; exit 1
}
JAVA=${JAVA:-$(find_java)}
TOKEN=bench-admin-token
pg() { psql -h 127.0.0.1 -U postgres -X -q -tA "$@"; }

# PARLEY_JAR runs another build (e.g. an older commit's jar, for a before/after run); the default is this checkout's.
PARLEY_JAR=${PARLEY_JAR:-target/parley.jar}
[ -f "$PARLEY_JAR" ] || ./mvnw -q -DskipTests package

# start_parley DATABASE LOGFILE [VAR=value ...]: recreates DATABASE, starts target/parley.jar on $PORT with the
# extra environment, sets PARLEY_PID (killed on exit) and waits until the node is ready.
start_parley() {
  local db=$1 log=$2
  shift 2
  pg -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
  env PARLEY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PARLEY_DB_USER=postgres PARLEY_ADMIN_TOKEN=$TOKEN \
    PARLEY_MASTER_KEY="MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" PARLEY_DEMO=false PORT=$PORT "$@" \
    "$JAVA" -Xmx1g -jar "$PARLEY_JAR" > "$log" 2>&1 &
  PARLEY_PID=$!
  trap 'kill $PARLEY_PID 2>/dev/null || true' EXIT
  until curl -sf "localhost:$PORT/ready" >/dev/null; do sleep 1; done
}

api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
id_of() { grep -oE "\"$1\":\"[^\"]+\"" | head -1 | cut -d'"' -f4; }

# whatsapp_bench_bot: on the node at $PORT, an organization on the enterprise plan with one chatbot whose model is
# the fake on $MODEL_PORT and one WhatsApp number, PHONE, whose app secret is bench-secret (sets ORG, BOT, PHONE).
whatsapp_bench_bot() {
  ORG=$(api -d '{"name":"Bench"}' "localhost:$PORT/api/v1/organizations" | id_of id)
  api -X PUT -d '{"plan": "enterprise"}' "localhost:$PORT/api/v1/organizations/$ORG/plan" > /dev/null
  BOT=$(api -d "{\"name\":\"Bench\",\"systemPrompt\":\"You answer shipping questions.\",\"model\":{\"provider\":\"openai\",\"name\":\"gpt-4o-mini\",\"apiKey\":\"sk-bench\",\"baseUrl\":\"http://127.0.0.1:$MODEL_PORT/v1\"}}" \
        "localhost:$PORT/api/v1/organizations/$ORG/chatbots" | id_of id)
  PHONE=555000111222333
  api -d "{\"type\":\"whatsapp\",\"phoneNumberId\":\"$PHONE\",\"accessToken\":\"EAAbench\",\"appSecret\":\"bench-secret\",\"verifyToken\":\"v\"}" \
    "localhost:$PORT/api/v1/chatbots/$BOT/channels" > /dev/null
}
