package cn.tongbei.classroom.bench;

import cn.tongbei.testing.Api;
import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of bench/classroom.sh (not a test): latency of reliable events from master to classroom
 * devices with persistence on, memory per idle connection, and a reconnect storm. Clients parse only what they
 * need (sequence and command id) so that the generator stays light; its CPU is reported with the results.
 */
public final class ClassroomBench {
    private static final int CLASSROOMS = 100;
    private static final int RATE = 20;

    private final int port;
    private final long serverPid;
    /** Every node's port and process (two with BENCH_NODES=2: the master on the first, classrooms split). */
    private final int[] ports;
    private final long[] pids;
    private final Vertx vertx;
    private final WebSocketClient client;
    private final Api api;
    private final List<String> terminalTokens = new ArrayList<>();
    private final List<Long> terminalIds = new ArrayList<>();
    private String masterToken;
    private String adminToken;

    private ClassroomBench(int[] ports, long[] pids) {
        this.ports = ports;
        this.pids = pids;
        this.port = ports[0];
        this.serverPid = pids[0];
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)
                // Netty's epoll transport where available, as the server: a lighter generator
                .setPreferNativeTransport(true));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(64 << 20)
                .setMaxFrameSize(1 << 20).setConnectTimeout(30_000).setMaxConnections(20_000));
        this.api = new Api(port);
    }

    public static void main(String[] args) throws Exception {
        int[] ports = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        long[] pids = Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        List<Integer> sizes = Arrays.stream(env("BENCH_SIZES", "500 2000").trim().split("\\s+")).filter(
                v -> !v.isBlank() && !v.equals("0")).map(Integer::parseInt).toList();
        int seconds = Integer.parseInt(env("BENCH_SECONDS", "20"));
        int idle = Integer.parseInt(env("BENCH_IDLE", "10000"));
        int storm = Integer.parseInt(env("BENCH_STORM_WINDOW_S", "30"));
        ClassroomBench b = new ClassroomBench(ports, pids);
        b.setup();
        JsonArray results = new JsonArray();
        for (int n : sizes) {
            results.add(b.latency(n, seconds));
        }
        if (storm > 0) {
            results.add(b.storm(500, storm));
        }
        if (idle > 0) {
            results.add(b.idle(idle));
        }
        b.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.out.println("RESULT " + results.encode());
        System.exit(0);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void log(String s) {
        System.err.println("[bench] " + s);
    }

    private void setup() {
        Api admin = api.loginDemo("admin");
        adminToken = token("admin");
        masterToken = token("teacher1");
        JsonArray schools = admin.get("/api/v1/groups/1/schools").items();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (int i = 0; i < CLASSROOMS; i++) {
            long school = schools.getJsonObject(1 + i % (schools.size() - 1)).getLong("id");
            String username = "bench" + run + "t" + i;
            Api.Reply r = admin.post("/api/v1/groups/1/users", new JsonObject().put("username", username).put(
                    "displayName", "压测教室" + i).put("password", "tongbei-demo").put("role", "TERMINAL").put(
                            "schoolId", school));
            if (r.status() != 201) {
                throw new IllegalStateException("cannot create a terminal: " + r);
            }
            terminalIds.add(r.json().getLong("id"));
            terminalTokens.add(token(username));
        }
        log("created " + CLASSROOMS + " classroom terminals");
    }

    private String token(String username) {
        return api.post("/api/v1/auth/login", new JsonObject().put("username", username).put("password",
                "tongbei-demo")).json().getString("accessToken");
    }

    private long session(String title) {
        JsonArray rooms = new JsonArray();
        terminalIds.forEach(id -> rooms.add(new JsonObject().put("terminalId", id)));
        Api.Reply r = api.as(masterToken).post("/api/v1/classroom/sessions", new JsonObject().put("groupId", 1).put(
                "title", title).put("startsAt", OffsetDateTime.now().toString()).put("classrooms", rooms));
        if (r.status() != 201) {
            throw new IllegalStateException("cannot create the session: " + r);
        }
        return r.json().getLong("id");
    }

    /** One benchmark socket: tracks its last sequence, counts gaps, records latencies of master events. */
    final class Device {
        final long session;
        final String token;
        final String role;
        final Long classroom;
        int nodePort = port;
        volatile WebSocket ws;
        volatile long lastSeq;
        volatile boolean welcomed;
        volatile long reconnectStarted;
        volatile long resumeNanos = -1;
        final AtomicLong gaps = new AtomicLong();
        final AtomicLong snapshots = new AtomicLong();
        Latencies latencies;

        Device(long session, String token, String role, Long classroom) {
            this.session = session;
            this.token = token;
            this.role = role;
            this.classroom = classroom;
        }

        Future<Device> connect() {
            welcomed = false;
            Promise<Device> joined = Promise.promise();
            client.connect(nodePort, "127.0.0.1", "/ws/classroom").onFailure(joined::tryFail).onSuccess(socket -> {
                ws = socket;
                socket.textMessageHandler(text -> onText(text, joined));
                socket.exceptionHandler(e -> {
                });
                JsonObject hello = new JsonObject().put("type", "hello").put("session", session).put("token", token)
                        .put("role", role).put("lastSeq", lastSeq);
                if (classroom != null) {
                    hello.put("classroom", classroom);
                }
                socket.writeTextMessage(hello.encode());
            });
            return joined.future();
        }

        void onText(String text, Promise<Device> joined) {
            if (text.startsWith("{\"type\":\"welcome\"")) {
                JsonObject w = new JsonObject(text);
                if (w.containsKey("snapshot")) {
                    snapshots.incrementAndGet();
                    lastSeq = w.getLong("seq");
                } else {
                    for (Object o : w.getJsonArray("events")) {
                        seen(((JsonObject) o).getLong("seq"));
                    }
                }
                welcomed = true;
                if (reconnectStarted > 0) {
                    resumeNanos = System.nanoTime() - reconnectStarted;
                }
                joined.tryComplete(this);
                return;
            }
            long seq = number(text, "\"seq\":");
            if (seq < 0 || text.startsWith("{\"type\":\"ack\"") || text.startsWith("{\"type\":\"error\"")) {
                return;
            }
            seen(seq);
            if (latencies != null) {
                String cmdId = string(text, "\"cmdId\":\"");
                Long sent = cmdId == null ? null : sentAt.get(cmdId);
                if (sent != null && sent >= windowStart) {
                    latencies.add(System.nanoTime() - sent);
                }
            }
        }

        void seen(long seq) {
            if (seq <= lastSeq) {
                return;
            }
            if (seq != lastSeq + 1 && lastSeq > 0) {
                gaps.addAndGet(seq - lastSeq - 1);
            }
            lastSeq = seq;
        }

        void drop() {
            welcomed = false;
            if (ws != null) {
                ws.close();
            }
        }
    }

    final ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
    volatile long windowStart = Long.MAX_VALUE;

    /** A growable array of nanosecond samples, one per event loop thread through synchronization. */
    static final class Latencies {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    static long number(String text, String key) {
        int i = text.indexOf(key);
        if (i < 0) {
            return -1;
        }
        long v = 0;
        for (int j = i + key.length(); j < text.length() && Character.isDigit(text.charAt(j)); j++) {
            v = v * 10 + (text.charAt(j) - '0');
        }
        return v;
    }

    static String string(String text, String key) {
        int i = text.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = text.indexOf('"', start);
        return end < 0 ? null : text.substring(start, end);
    }

    private List<Device> connectAll(long session, int n, String role, boolean observers) throws Exception {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int room = i % CLASSROOMS;
            Device d = observers
                    ? new Device(session, adminToken, "observer", null)
                    : new Device(session, terminalTokens.get(room), role, terminalIds.get(room));
            if (!observers) {
                d.nodePort = ports[room % ports.length];
            }
            devices.add(d);
        }
        int batch = 200;
        for (int i = 0; i < devices.size(); i += batch) {
            List<Future<Device>> joins = new ArrayList<>();
            for (Device d : devices.subList(i, Math.min(devices.size(), i + batch))) {
                joins.add(d.connect());
            }
            Future.all(joins).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        }
        return devices;
    }

    private final AtomicInteger cmd = new AtomicInteger();

    /** The master sends RATE strokes of ~200 bytes per second until stopped. */
    private long startMaster(Device master, long[] lastSent) {
        Random random = new Random(1);
        return vertx.setPeriodic(1000 / RATE, t -> {
            String cmdId = "b" + cmd.incrementAndGet();
            JsonArray points = new JsonArray();
            for (int i = 0; i < 16; i++) {
                points.add(random.nextInt(10_000));
            }
            String message = new JsonObject().put("type", "stroke").put("cmdId", cmdId).put("id", "s" + cmdId).put(
                    "page", 0).put("tool", "pen").put("color", "#d9645a").put("width", 4).put("points", points)
                    .encode();
            sentAt.put(cmdId, System.nanoTime());
            lastSent[0]++;
            master.ws.writeTextMessage(message);
        });
    }

    private JsonObject latency(int n, int seconds) throws Exception {
        long session = session("压测 " + n);
        List<Device> devices = connectAll(session, n, "classroom", false);
        Device master = new Device(session, masterToken, "master", null);
        master.connect().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        log(n + " devices joined session " + session);
        long[] sent = {0};
        long timer = startMaster(master, sent);
        Thread.sleep(3000);
        Latencies lat = new Latencies();
        devices.forEach(d -> d.latencies = lat);
        windowStart = System.nanoTime();
        long sentBefore = sent[0];
        Cpu cpu = Cpu.start(pids);
        Thread.sleep(seconds * 1000L);
        devices.forEach(d -> d.latencies = null);
        Cpu.Usage usage = cpu.stop();
        long measuredSent = sent[0] - sentBefore;
        windowStart = Long.MAX_VALUE;
        vertx.cancelTimer(timer);
        Thread.sleep(1000);
        long[] s = lat.sorted();
        long gaps = devices.stream().mapToLong(d -> d.gaps.get()).sum();
        JsonObject r = new JsonObject().put("scenario", "latency").put("nodes", ports.length).put("clients", n)
                .put("rate_per_s", RATE)
                .put("seconds", seconds).put("events_sent", measuredSent).put("receipts", s.length)
                .put("expected_receipts", measuredSent * n).put("p50_ms", pct(s, 50)).put("p95_ms", pct(s, 95))
                .put("p99_ms", pct(s, 99)).put("max_ms", s.length == 0 ? 0 : s[s.length - 1] / 1e6)
                .put("lost_events", gaps).put("server_cpu_pct", usage.server()).put("loadgen_cpu_pct", usage
                        .self());
        log(r.encode());
        close(devices);
        master.drop();
        return r;
    }

    private JsonObject storm(int n, int windowSeconds) throws Exception {
        long session = session("重连风暴");
        List<Device> devices = connectAll(session, n, "classroom", false);
        Device master = new Device(session, masterToken, "master", null);
        master.connect().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        long[] sent = {0};
        long timer = startMaster(master, sent);
        Thread.sleep(2000);
        Random random = new Random(7);
        Cpu cpu = Cpu.start(pids);
        long t0 = System.nanoTime();
        devices.forEach(Device::drop);
        for (Device d : devices) {
            long delay = 1 + random.nextInt(Math.max(1, windowSeconds * 1000));
            vertx.setTimer(delay, t -> {
                d.reconnectStarted = System.nanoTime();
                d.connect();
            });
        }
        long recovered = -1;
        long deadline = t0 + TimeUnit.SECONDS.toNanos(windowSeconds + 60L);
        while (System.nanoTime() < deadline) {
            long target = master.lastSeq;
            if (devices.stream().allMatch(d -> d.welcomed && d.lastSeq >= target - 1)) {
                recovered = System.nanoTime() - t0;
                break;
            }
            Thread.sleep(5);
        }
        Cpu.Usage usage = cpu.stop();
        vertx.cancelTimer(timer);
        Thread.sleep(500);
        long finalSeq = master.lastSeq;
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < drainDeadline && devices.stream().anyMatch(d -> d.lastSeq < finalSeq)) {
            Thread.sleep(10);
        }
        long behind = devices.stream().filter(d -> d.lastSeq < finalSeq).count();
        long[] resume = devices.stream().mapToLong(d -> d.resumeNanos).filter(v -> v >= 0).sorted().toArray();
        JsonObject r = new JsonObject().put("scenario", "reconnect_storm").put("nodes", ports.length).put("clients", n)
                .put("window_s",
                        windowSeconds)
                .put("recovery_ms", recovered < 0 ? -1 : recovered / 1e6).put("lost_events", devices
                        .stream().mapToLong(d -> d.gaps.get()).sum())
                .put("snapshots", devices.stream().mapToLong(
                        d -> d.snapshots.get()).sum())
                .put("behind_at_end", behind).put("resume_p50_ms", pct(
                        resume, 50))
                .put("resume_p99_ms", pct(resume, 99)).put("server_cpu_pct",
                        usage.server())
                .put("loadgen_cpu_pct", usage.self());
        log(r.encode());
        close(devices);
        master.drop();
        return r;
    }

    private JsonObject idle(int n) throws Exception {
        long session = session("空闲连接");
        gc();
        long rssBefore = rss(serverPid);
        long heapBefore = heapAfterGc();
        java.util.Map<String, long[]> histoBefore = histogram();
        List<Device> devices = connectAll(session, n, "observer", true);
        Thread.sleep(3000);
        gc();
        Thread.sleep(1000);
        if (!histoBefore.isEmpty()) {
            printHistogramDiff(histoBefore, histogram(), n);
        }
        String dump = env("BENCH_HEAP_DUMP", "");
        if (!dump.isEmpty()) {
            log("heap dump of the server with " + n + " idle connections: " + jcmd("GC.heap_dump " + dump).trim());
        }
        long rssAfter = rss(serverPid);
        long heapAfter = heapAfterGc();
        Cpu cpu = Cpu.start(new long[]{serverPid});
        Thread.sleep(10_000);
        Cpu.Usage usage = cpu.stop();
        JsonObject r = new JsonObject().put("scenario", "idle").put("clients", n).put("rss_bytes_per_conn",
                (rssAfter - rssBefore) / n).put("heap_bytes_per_conn",
                        heapBefore < 0
                                ? -1
                                : (heapAfter
                                        - heapBefore) / n)
                .put("server_rss_bytes", rssAfter).put("server_cpu_pct", usage.server())
                .put("loadgen_cpu_pct", usage.self());
        log(r.encode());
        close(devices);
        return r;
    }

    /** With BENCH_HISTO=1: class name → {instances, bytes} from {@code jcmd GC.class_histogram} (a full GC). */
    private java.util.Map<String, long[]> histogram() {
        java.util.Map<String, long[]> out = new java.util.HashMap<>();
        if (!"1".equals(env("BENCH_HISTO", "0"))) {
            return out;
        }
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.put(f[3], new long[]{Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return out;
    }

    /** The classes that grew most, per connection (what an idle connection holds). */
    private static void printHistogramDiff(java.util.Map<String, long[]> before, java.util.Map<String, long[]> after,
            int n) {
        List<java.util.Map.Entry<String, long[]>> grown = new ArrayList<>();
        after.forEach((k, v) -> {
            long[] b = before.getOrDefault(k, new long[2]);
            grown.add(java.util.Map.entry(k, new long[]{v[0] - b[0], v[1] - b[1]}));
        });
        grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        long total = grown.stream().mapToLong(e -> Math.max(0, e.getValue()[1])).sum();
        log("heap histogram diff: " + total / n + " bytes per connection; top classes (instances and bytes per"
                + " connection):");
        grown.stream().limit(40).forEach(e -> log(String.format("  %8.2f %8.1f B  %s", e.getValue()[0] / (double) n,
                e.getValue()[1] / (double) n, e.getKey())));
    }

    private void gc() {
        jcmd("GC.run");
    }

    /** Used heap after a full GC, from {@code jcmd GC.heap_info} ("used NNNK"), or -1. */
    private long heapAfterGc() {
        String out = jcmd("GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    private String jcmd(String command) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(serverPid), command).redirectErrorStream(
                    true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "";
        }
    }

    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    private void close(List<Device> devices) throws InterruptedException {
        devices.forEach(Device::drop);
        Thread.sleep(2000);
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, i)] / 1e4) / 100.0;
    }

    /** CPU used by the server process and by this generator over a period, in % of one core. */
    record Cpu(long[] pids, long wall, long serverTicks, long selfNanos) {
        record Usage(double server, double self) {}

        static Cpu start(long[] pids) {
            return new Cpu(pids, System.nanoTime(), ticks(pids), self());
        }

        static long ticks(long[] pids) {
            return Arrays.stream(pids).map(Cpu::ticks).sum();
        }

        Usage stop() {
            double seconds = (System.nanoTime() - wall) / 1e9;
            double server = (ticks(pids) - serverTicks) / 100.0 / seconds * 100;
            double mine = (self() - selfNanos) / 1e9 / seconds * 100;
            return new Usage(Math.round(server * 10) / 10.0, Math.round(mine * 10) / 10.0);
        }

        static long self() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (Exception e) {
                return 0;
            }
        }
    }
}
