#!/usr/bin/env bash
# Co-editing load benchmark: starts a Tongbei server (embedded PostgreSQL, its own port and data directory),
# runs the load generator (cn.tongbei.lessons.coedit.bench.CoeditBench, real websocket clients in a second
# JVM) and prints one line per scenario, then `RESULT {json}` as the last line. Runnable from a fresh clone
# with a JDK >= 21 and Maven. Usage: bench/coedit.sh [seconds-per-scenario, default 10] [all|one|many]
set -euo pipefail
cd "$(dirname "$0")/.."

find_java() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$c/bin/java" ] || continue
    local v
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
    if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$c"; return; fi
  done
  echo "bench/coedit.sh needs a JDK >= 21 (set JAVA_HOME)" >&2
  exit 2
}
JDK=$(find_java)
export JAVA_HOME=$JDK
JAVA="$JDK/bin/java"

mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
PORT=${BENCH_PORT:-18391}
DATA=$(mktemp -d /tmp/coedit-bench.XXXXXX)
export DJL_OFFLINE=true OPT_OUT_TRACKING=true

TONGBEI_HTTP_PORT=$PORT TONGBEI_HTTP_HOST=127.0.0.1 TONGBEI_DATA_DIR=$DATA \
  TONGBEI_AUTH_MAX_FAILURES_PER_ADDRESS=100000 \
  "$JAVA" -Xmx1g -XX:+UseG1GC -cp "$CP" cn.tongbei.Main >"$DATA/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then cat "$DATA/server.log"; exit 1; fi
  sleep 1
done
echo "server pid $SERVER on port $PORT; $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
"$JAVA" -Xmx1g -cp "$CP" cn.tongbei.lessons.coedit.bench.CoeditBench "$PORT" "$SERVER" "${1:-10}" "${2:-all}"
