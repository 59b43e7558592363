#!/usr/bin/env bash
# Synchronized classroom benchmark: starts Tongbei (embedded PostgreSQL + S3, its own port and data dir) in
# one JVM and the load generator in another, on loopback. Scenarios: master → classroom latency at 500 and
# 2,000 clients (20 reliable events/s of ~200 bytes, every event persisted), a reconnect storm of 500
# clients, 10,000 idle connections. Last line: RESULT [{...}, ...].
# Knobs: BENCH_SIZES ("500 2000"), BENCH_SECONDS (20), BENCH_STORM_WINDOW_S (30), BENCH_IDLE (10000),
# BENCH_PORT (18690), BENCH_NODES (1; 2 = two clustered nodes as child JVMs on one embedded PostgreSQL, the
# master on the first, classrooms split between them; the idle scenario then measures the first node only).
# Only the idle scenario: BENCH_SIZES=0 BENCH_STORM_WINDOW_S=0. Diagnostics of the idle scenario: BENCH_HISTO=1
# (heap histogram diff per connection), BENCH_HEAP_DUMP=/path/dump.hprof (heap dump with the connections open).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-18690}"
DATA="$(mktemp -d /tmp/tongbei-bench-classroom.XXXXXX)"
FLAGS="-Xss1m --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dfile.encoding=UTF-8 -Dvertx.disableDnsResolver=true"

# A JDK >= 21, like the build's toolchain: JAVA_HOME, then java on the PATH, then /usr/lib/jvm/*.
JAVA=""
for candidate in "${JAVA_HOME:-}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [ -x "$candidate" ] || continue
  version=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
  if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then JAVA="$candidate"; break; fi
done
[ -n "$JAVA" ] || { echo "[bench] needs a JDK >= 21" >&2; exit 2; }

echo "[bench] building" >&2
mvn -B -q -DskipTests test-compile >&2
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

NODES="${BENCH_NODES:-1}"
if [ "$NODES" = "2" ]; then
  echo "[bench] starting two clustered nodes (test fixture: embedded PostgreSQL, child JVMs with -Xmx512m)" >&2
  "$JAVA" -Xmx512m $FLAGS -cp "$CP" cn.tongbei.classroom.bench.TwoNodeLauncher "$DATA/nodes.txt" >"$DATA/launcher.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    [ -f "$DATA/nodes.txt" ] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then tail -50 "$DATA/launcher.log" >&2; exit 1; fi
    sleep 0.5
  done
  [ -f "$DATA/nodes.txt" ] || { echo "[bench] the nodes did not start" >&2; tail -50 "$DATA/launcher.log" >&2; exit 1; }
  read -r PORT_A PID_A PORT_B PID_B <"$DATA/nodes.txt"
  echo "[bench] node A 127.0.0.1:$PORT_A (pid $PID_A), node B 127.0.0.1:$PORT_B (pid $PID_B)" >&2
  echo "[bench] machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
  "$JAVA" -Xmx1g $FLAGS -cp "$CP" cn.tongbei.classroom.bench.ClassroomBench "$PORT_A,$PORT_B" "$PID_A,$PID_B"
  exit 0
fi

echo "[bench] starting the server on 127.0.0.1:$PORT (data $DATA)" >&2
TONGBEI_HTTP_PORT="$PORT" TONGBEI_HTTP_HOST=127.0.0.1 TONGBEI_DATA_DIR="$DATA" \
  TONGBEI_AUTH_ARGON2_MEMORY_KIB=4096 TONGBEI_AUTH_ARGON2_ITERATIONS=1 TONGBEI_AUTH_MAX_FAILURES_PER_ADDRESS=100000 \
  "$JAVA" -Xmx1g $FLAGS -cp "$CP" cn.tongbei.Main >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$DATA/server.log" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null

echo "[bench] machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
"$JAVA" -Xmx1g $FLAGS -cp "$CP" cn.tongbei.classroom.bench.ClassroomBench "$PORT" "$SERVER_PID"
