#!/usr/bin/env bash
# Co-editing load benchmark: starts Tongbei (embedded PostgreSQL, its own ports and data directories), runs the
# load generator (cn.tongbei.lessons.coedit.bench.CoeditBench, real websocket clients in a separate JVM) and
# prints one line per scenario, then `RESULT {json}` as the last line. Runnable from a fresh clone with a
# JDK >= 21 and Maven.
# Usage: [BENCH_NODES=1|2] [BENCH_SIZES=50,100,200,400] [BENCH_MANY=2000] bench/coedit.sh [seconds-per-scenario, default 10] [all|one|many]
#   BENCH_NODES=1 (default): one node in embedded mode.
#   BENCH_NODES=2: two clustered nodes (Hazelcast on loopback) sharing one PostgreSQL and one S3 (started by
#   BenchInfra); authors are split evenly across the nodes, so half of the sender/receiver pairs cross nodes.
#   BENCH_SIZES / BENCH_MANY: author counts of the "one plan" scenarios / of the "200 plans" scenario (small values
#   to validate the script only).
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
NODES=${BENCH_NODES:-1}
case "$NODES" in 1|2) ;; *) echo "BENCH_NODES must be 1 or 2" >&2; exit 2 ;; esac

mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
# the flags the server is built and tested with (native access, vector module, Hazelcast add-opens, offline)
FLAGS=$(sed -n 's:.*<tongbei.jvm.flags>\(.*\)</tongbei.jvm.flags>.*:\1:p' pom.xml)
PORT=${BENCH_PORT:-18391}
DATA=$(mktemp -d /tmp/coedit-bench.XXXXXX)
export DJL_OFFLINE=true OPT_OUT_TRACKING=true

PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$DATA"
}
trap cleanup EXIT

await_ready() { # port pid log
  for _ in $(seq 1 180); do
    if curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then cat "$3"; exit 1; fi
    sleep 1
  done
  echo "node on port $1 not ready in 180 s" >&2; cat "$3"; exit 1
}

if [ "$NODES" = 1 ]; then
  TONGBEI_HTTP_PORT=$PORT TONGBEI_HTTP_HOST=127.0.0.1 TONGBEI_DATA_DIR=$DATA \
    TONGBEI_AUTH_MAX_FAILURES_PER_ADDRESS=100000 \
    "$JAVA" -Xmx1g -XX:+UseG1GC $FLAGS -cp "$CP" cn.tongbei.Main >"$DATA/server.log" 2>&1 &
  PIDS+=($!)
  await_ready "$PORT" "${PIDS[0]}" "$DATA/server.log"
  PORTS=$PORT
else
  "$JAVA" -Xmx512m $FLAGS -cp "$CP" cn.tongbei.lessons.coedit.bench.BenchInfra "$DATA/infra" >"$DATA/infra.log" 2>&1 &
  INFRA=$!
  PIDS+=($INFRA)
  for _ in $(seq 1 180); do
    [ -f "$DATA/infra/infra.env" ] && break
    if ! kill -0 "$INFRA" 2>/dev/null; then cat "$DATA/infra.log"; exit 1; fi
    sleep 1
  done
  [ -f "$DATA/infra/infra.env" ] || { echo "PostgreSQL/S3 not up in 180 s" >&2; cat "$DATA/infra.log"; exit 1; }
  CPORT1=$((PORT + 1000)); CPORT2=$((PORT + 1001))
  for i in 1 2; do
    HTTP=$((PORT + i - 1)); CPORT=$((PORT + 999 + i))
    (
      set -a; . "$DATA/infra/infra.env"; set +a
      TONGBEI_HTTP_PORT=$HTTP TONGBEI_HTTP_HOST=127.0.0.1 TONGBEI_DATA_DIR=$DATA/node$i \
      TONGBEI_AUTH_JWT_SECRET=coedit-bench-secret-coedit-bench-secret-0123 TONGBEI_AUTH_ADMIN_PASSWORD=tongbei-demo \
      TONGBEI_AUTH_MAX_FAILURES_PER_ADDRESS=100000 \
      TONGBEI_CLUSTER_ENABLED=true TONGBEI_CLUSTER_NAME=coedit-bench-$$ TONGBEI_CLUSTER_HOST=127.0.0.1 \
      TONGBEI_CLUSTER_PORT=$CPORT TONGBEI_CLUSTER_MEMBERS=127.0.0.1:$CPORT1,127.0.0.1:$CPORT2 \
        exec "$JAVA" -Xmx1g -XX:+UseG1GC $FLAGS -cp "$CP" cn.tongbei.Main
    ) >"$DATA/server$i.log" 2>&1 &
    PIDS+=($!)
  done
  await_ready "$PORT" "${PIDS[1]}" "$DATA/server1.log"
  await_ready "$((PORT + 1))" "${PIDS[2]}" "$DATA/server2.log"
  PORTS="$PORT,$((PORT + 1))"
fi
SERVER_PIDS=$(IFS=,; echo "${PIDS[*]: -$NODES}")
echo "nodes: $NODES (ports $PORTS, pids $SERVER_PIDS); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
"$JAVA" -Xmx1g $FLAGS -cp "$CP" cn.tongbei.lessons.coedit.bench.CoeditBench "$PORTS" "$SERVER_PIDS" "${1:-10}" \
  "${2:-all}"
