#!/usr/bin/env bash
# Library benchmark (not a test): keyword indexing rate, embedding rate and index size for BENCH_DOCS generated
# Chinese documents (~1,000 characters each, default 100,000); search p50/p99 and throughput over HTTP and through
# raw Lucene on the same index at 1 and 2 clients; a BENCH_UPLOAD_MB upload (default 1024) vs a direct S3 put
# with the heap sampled; freshness: BENCH_FRESH uploads (default 30), time from extraction done (status no longer
# processing) to the first search that finds the new resource, p50/p99/max. Runs an embedded server (PostgreSQL + S3) in-process. Last line: RESULT {json}.
# Sizes: BENCH_DOCS (100000), BENCH_UPLOAD_MB (1024; 0 skips), BENCH_SEARCHES per client (2000), BENCH_EMBED sample
# (2000), BENCH_FRESH (30; 0 skips), BENCH_INDEX_THREADS (cores), BENCH_WARMUP searches per path (at least; 200),
# then warm-up rounds (100 searches per path, half at one client, half at two) until the JIT compiles less than
# BENCH_JIT_QUIET % of one core's time (5) in two rounds in a row, for at most BENCH_WARMUP_SECONDS (120): searches are
# measured on a warm JVM, as a server that has run for a while answers them (RESULT: warmup*, jitQuiet, compileMs
# per phase),
# BENCH_JAVA_OPTS (extra JVM options, e.g. -Xlog:gc:file=gc.log), BENCH_PER_QUERY (n: each query n times, raw and HTTP p50/max),
# BENCH_SPIN_MICROS (overrides library.searchSpinMicros, default from config/tongbei.json).
# The JVM gets the server launcher's scheduling flags (pom.xml tongbei.sched.flags); BENCH_JAVA_OPTS=-XX:ThreadPriorityPolicy=0
# measures without them.
# Documents: BENCH_CORPUS=topical (default: one topic of one subject per document, shared lesson-plan words with a
# Zipf distribution) or dense (every word in ~90 % of the documents: the worst case). Searches are measured after
# the bulk load's background merges have finished.
# Full size (quiet machine): bench/search.sh     Smoke: BENCH_DOCS=2000 BENCH_UPLOAD_MB=64 BENCH_EMBED=100 bench/search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
# a JDK >= 21: JAVA_HOME if it is one, else the newest under /usr/lib/jvm
JAVA=java
for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
  if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    JAVA="$candidate/bin/java"; break
  fi
done
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
# progress lines as they come; the RESULT line is printed last, after the embedded server's shutdown messages
set +e
# the server's launcher flags (pom.xml: tongbei.heap.flags with 2 GB, tongbei.sched.flags: JIT compiler threads at nice 19)
SCHED=$(sed -n 's:.*<tongbei.sched.flags>\(.*\)</tongbei.sched.flags>.*:\1:p' pom.xml)
[ -n "$SCHED" ] || { echo "bench/search.sh: no tongbei.sched.flags in pom.xml" >&2; exit 2; }
"$JAVA" -Xms2g -Xmx2g -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 $SCHED -Xss1m ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dfile.encoding=UTF-8 -Dvertx.disableDnsResolver=true \
  -Dtongbei.test.dataRoot=target/bench-data -Dlogback.configurationFile=bench/logback-bench.xml \
  -cp "$CP" cn.tongbei.library.search.SearchBench 2>&1 | tee "$OUT" | grep -v -E "^\s*$|DEBUG|INFO  o\.|WARN  a\.d|tongbei\.access|^RESULT "
status=${PIPESTATUS[0]}
set -e
grep '^RESULT ' "$OUT" | tail -1
exit "$status"
