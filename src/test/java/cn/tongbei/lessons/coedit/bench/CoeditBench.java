package cn.tongbei.lessons.coedit.bench;

import cn.tongbei.lessons.coedit.CoeditHub;
import cn.tongbei.testing.Api;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Load generator for co-editing (run by {@code bench/coedit.sh}, not a test). Light simulated authors over
 * real websockets: each authenticates, joins a plan and submits a one-character insert at a fixed rate (at
 * most one change in flight, like the editor). Latency is measured from the submit to each other author of
 * the plan receiving the broadcast (clients and server on this machine, so one clock). With several nodes
 * (ports {@code p1,p2}), authors are assigned to the nodes in turn, so with two nodes half of the sender/receiver
 * pairs cross nodes; CPU, heap and RSS are the sums over the nodes. Prints one line per scenario and finally
 * {@code RESULT {json}}.
 */
public final class CoeditBench {
    private static final int BUCKET_US = 100;
    private static final int BUCKETS = 300_000;

    private final Vertx vertx;
    private final WebSocketClient client;
    private final int[] ports;
    private final long[] serverPids;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean measuring;

    private CoeditBench(int[] ports, long[] serverPids) {
        this.vertx = Vertx.vertx();
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(5000));
        this.ports = ports;
        this.serverPids = serverPids;
    }

    public static void main(String[] args) throws Exception {
        int[] ports = java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        long[] pids = java.util.Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        CoeditBench bench = new CoeditBench(ports, pids);
        Api api = new Api(ports[0]);
        Api lead = api.loginDemo("teacher3");
        String[] tokens = {token(api, "teacher3"), token(api, "teacher1")};
        JsonArray results = new JsonArray();
        String which = args.length > 3 ? args[3] : "all";
        if (!which.equals("many")) {
            long one = bench.plan(lead);
            int[] sizes = java.util.Arrays.stream(System.getenv().getOrDefault("BENCH_SIZES", "50,100,200,400")
                    .split(",")).mapToInt(Integer::parseInt).toArray();
            for (int authors : sizes) {
                results.add(bench.scenario("one plan, 5 changes/s per author", authors, List.of(one), 5, seconds,
                        tokens));
            }
        }
        if (!which.equals("one")) {
            List<Long> plans = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                plans.add(bench.plan(lead));
            }
            Thread.sleep(3000);
            int many = Integer.parseInt(System.getenv().getOrDefault("BENCH_MANY", "2000"));
            results.add(bench.scenario("200 plans, 1 change/s per author", many, plans, 1, seconds, tokens));
        }
        bench.vertx.close();
        System.out.println("RESULT " + results.encode());
        System.exit(0);
    }

    private static String token(Api api, String user) {
        return api.post("/api/v1/auth/login", new JsonObject().put("username", user).put("password", "tongbei-demo"))
                .json().getString("accessToken");
    }

    private static long teamId(Api lead) {
        for (Object o : lead.get("/api/v1/me").json().getJsonArray("teams")) {
            JsonObject t = (JsonObject) o;
            if ("七年级数学备课组".equals(t.getString("name"))) {
                return t.getLong("id");
            }
        }
        throw new IllegalStateException("demo prep group not found");
    }

    private long teamId;
    private long teacher1;
    private long teacher3;

    /** A plan in DISCUSSION (teacher3 leads, teacher1 takes part); returns its document id. */
    private long plan(Api lead) {
        if (teamId == 0) {
            teamId = teamId(lead);
            JsonObject team = lead.get("/api/v1/teams/" + teamId).json();
            for (Object o : team.getJsonArray("members")) {
                JsonObject m = (JsonObject) o;
                if ("teacher1".equals(m.getString("username"))) {
                    teacher1 = m.getLong("userId");
                }
                if ("teacher3".equals(m.getString("username"))) {
                    teacher3 = m.getLong("userId");
                }
            }
        }
        JsonObject a = lead.post("/api/v1/prep/activities", new JsonObject().put("teamId", teamId)
                .put("topic", "压测 " + System.nanoTime()).put("startsAt", "2026-11-23T14:00:00+08:00")
                .put("leadId", teacher3).put("participantIds", new JsonArray().add(teacher1))).json();
        JsonObject plan = lead.get("/api/v1/prep/activities/" + a.getLong("id")).json().getJsonArray("plans")
                .getJsonObject(0);
        lead.post("/api/v1/prep/plans/" + plan.getLong("id") + "/transitions", new JsonObject().put("to",
                "DISCUSSION"));
        return plan.getLong("docId");
    }

    /** One simulated author. */
    private final class Author {
        final String clientId;
        final long docId;
        final int port;
        WebSocket ws;
        volatile int revision;
        long seq;
        boolean inFlight;

        Author(String clientId, long docId, int port) {
            this.clientId = clientId;
            this.docId = docId;
            this.port = port;
        }

        Future<Void> connect(String token) {
            Promise<Void> joined = Promise.promise();
            client.connect(port, "127.0.0.1", CoeditHub.PATH).onSuccess(socket -> {
                ws = socket;
                socket.textMessageHandler(text -> onMessage(text, joined));
                socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode());
            }).onFailure(joined::tryFail);
            return joined.future();
        }

        private void onMessage(String text, Promise<Void> joined) {
            // light parsing: only what is needed, by position
            if (text.startsWith("{\"type\":\"change")) {
                long now = System.nanoTime();
                for (int at = text.indexOf("\"revision\":"); at >= 0; at = text.indexOf("\"revision\":", at + 1)) {
                    revision = Math.max(revision, intAfter(text, "\"revision\":", at));
                    String sender = stringAfter(text, "\"clientId\":\"", at);
                    if (measuring && !sender.equals(clientId)) {
                        Long t0 = sentAt.get(sender + "#" + intAfter(text, "\"seq\":", at));
                        if (t0 != null) {
                            record(now - t0);
                        }
                    }
                }
            } else if (text.startsWith("{\"type\":\"ack\"")) {
                revision = Math.max(revision, intAfter(text, "\"revision\":"));
                inFlight = false;
            } else if (text.startsWith("{\"type\":\"ready\"")) {
                ws.writeTextMessage(new JsonObject().put("type", "join").put("docId", docId).put("clientId", clientId)
                        .put("revision", (Object) null).encode());
            } else if (text.startsWith("{\"type\":\"joined\"")) {
                revision = new JsonObject(text).getInteger("revision");
                joined.tryComplete();
            } else if (text.startsWith("{\"type\":\"error\"")) {
                errors.incrementAndGet();
                inFlight = false;
            }
        }

        void tick() {
            if (inFlight || ws == null || ws.isClosed()) {
                return;
            }
            inFlight = true;
            seq++;
            String key = clientId + "#" + seq;
            sentAt.put(key, System.nanoTime());
            ws.writeTextMessage("{\"type\":\"submit\",\"seq\":" + seq + ",\"baseRevision\":" + revision
                    + ",\"delta\":{\"ops\":[{\"insert\":\"字\"}]}}");
        }
    }

    private static int intAfter(String s, String marker) {
        return intAfter(s, marker, 0);
    }

    private static int intAfter(String s, String marker, int from) {
        int i = s.indexOf(marker, from) + marker.length();
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return Integer.parseInt(s, i, j, 10);
    }

    private static String stringAfter(String s, String marker, int from) {
        int i = s.indexOf(marker, from) + marker.length();
        return s.substring(i, s.indexOf('"', i));
    }

    private void record(long nanos) {
        int b = (int) Math.min(BUCKETS - 1, nanos / 1000 / BUCKET_US);
        histogram.incrementAndGet(b);
        samples.incrementAndGet();
    }

    private double percentile(double p) {
        long total = samples.get();
        long want = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += histogram.get(i);
            if (seen >= want && want > 0) {
                return (i + 1) * BUCKET_US / 1000.0;
            }
        }
        return Double.NaN;
    }

    private JsonObject scenario(String name, int authors, List<Long> docs, double perSecond, int seconds,
            String[] tokens) throws Exception {
        List<Author> list = new ArrayList<>();
        for (int i = 0; i < authors; i++) {
            // consecutive authors share a plan and alternate between nodes
            list.add(new Author("bench-" + System.nanoTime() + "-" + i, docs.get(i % docs.size()),
                    ports[(i / docs.size()) % ports.length]));
        }
        for (int i = 0; i < list.size(); i += 50) {
            List<Future<Void>> batch = new ArrayList<>();
            for (Author a : list.subList(i, Math.min(list.size(), i + 50))) {
                batch.add(a.connect(tokens[batch.size() % tokens.length]));
            }
            Future.all(batch).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        Random random = new Random(1);
        long periodMs = Math.round(1000 / perSecond);
        List<Long> timers = new ArrayList<>();
        for (Author a : list) {
            long start = 1 + random.nextInt((int) periodMs);
            vertx.setTimer(start, id -> timers.add(vertx.setPeriodic(periodMs, t -> a.tick())));
        }
        Thread.sleep(2000);
        histogram = new AtomicLongArray(BUCKETS);
        samples.set(0);
        errors.set(0);
        long serverCpu0 = serverCpuTicks();
        long clientCpu0 = clientCpuNanos();
        long wall0 = System.nanoTime();
        measuring = true;
        Thread.sleep(seconds * 1000L);
        measuring = false;
        double wall = (System.nanoTime() - wall0) / 1e9;
        double serverCpu = (serverCpuTicks() - serverCpu0) / 100.0 / wall * 100;
        double clientCpu = (clientCpuNanos() - clientCpu0) / 1e9 / wall * 100;
        String heap = serverHeapMb();
        new ArrayList<>(timers).forEach(vertx::cancelTimer);
        Thread.sleep(1000);
        for (Author a : list) {
            if (a.ws != null) {
                a.ws.close();
            }
        }
        sentAt.clear();
        JsonObject r = new JsonObject().put("scenario", name).put("nodes", ports.length).put("authors", authors)
                .put("plans", docs.size())
                .put("changes_per_s_per_author", perSecond).put("deliveries", samples.get())
                .put("p50_ms", percentile(0.50)).put("p95_ms", percentile(0.95)).put("p99_ms", percentile(0.99))
                .put("server_cpu_pct", Math.round(serverCpu)).put("client_cpu_pct", Math.round(clientCpu))
                .put("server_heap_used_mb", heap).put("server_rss_mb", serverRssMb()).put("errors", errors.get());
        System.out.println(r.encode());
        Thread.sleep(1000);
        return r;
    }

    private long serverCpuTicks() throws Exception {
        long sum = 0;
        for (long pid : serverPids) {
            String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return sum;
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private long serverRssMb() throws Exception {
        long sum = 0;
        for (long pid : serverPids) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    sum += Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        }
        return sum;
    }

    /** Heap in use after the scenario, from {@code jstat -gc} (S0U + S1U + EU + OU), or "n/a". */
    private String serverHeapMb() {
        long sum = 0;
        for (long pid : serverPids) {
            String one = serverHeapMb(pid);
            if (one.equals("n/a")) {
                return one;
            }
            sum += Long.parseLong(one);
        }
        return String.valueOf(sum);
    }

    private String serverHeapMb(long serverPid) {
        try {
            Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
            Process p = new ProcessBuilder(jstat.toString(), "-gc", String.valueOf(serverPid)).start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor(10, TimeUnit.SECONDS);
            String[] head = lines.get(0).trim().split("\\s+");
            String[] vals = lines.get(1).trim().split("\\s+");
            double kb = 0;
            for (int i = 0; i < head.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(head[i])) {
                    kb += Double.parseDouble(vals[i]);
                }
            }
            return String.valueOf(Math.round(kb / 1024));
        } catch (Exception e) {
            return "n/a";
        }
    }
}
