package cn.tongbei.library.search;

import cn.tongbei.Tongbei;
import cn.tongbei.access.Principal;
import cn.tongbei.library.LibraryModule;
import cn.tongbei.library.Resource;
import cn.tongbei.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The library benchmark (bench/search.sh; not a test): keyword indexing rate, embedding rate, index size,
 * search latency over HTTP vs raw Lucene on the same index at 1 and 2 clients, and a 1 GB upload vs a direct S3
 * put with the heap sampled. Prints {@code RESULT {json}} last.
 */
public final class SearchBench {
    private static final String[] QUERIES = BenchCorpus.QUERIES;
    /** Searches per path in one warm-up round: half at one client, half at two (a quarter each). */
    private static final int WARMUP_ROUND = 100;

    private SearchBench() {}

    public static void main(String[] args) throws Exception {
        int docs = Integer.parseInt(System.getenv().getOrDefault("BENCH_DOCS", "100000"));
        int uploadMb = Integer.parseInt(System.getenv().getOrDefault("BENCH_UPLOAD_MB", "1024"));
        int searches = Integer.parseInt(System.getenv().getOrDefault("BENCH_SEARCHES", "2000"));
        JsonObject result = new JsonObject().put("docs", docs).put("cores", Runtime.getRuntime().availableProcessors());
        // keyword ranking only, as before: the library section of the configuration turns embeddings off
        Tongbei server = Tongbei.start(TestServer.config(TestServer.freshDataDir("bench"), Map.of("library",
                libraryOverrides())));
        LibraryModule module = server.module(LibraryModule.class);
        SearchService search = module.search();
        search.flush();
        Random random = new Random(42);
        String kind = System.getenv().getOrDefault("BENCH_CORPUS", "topical");
        BenchCorpus corpus = new BenchCorpus(kind, 42);
        result.put("corpus", kind);
        OffsetDateTime t0 = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        List<Resource> resources = new ArrayList<>(docs);
        List<String> texts = new ArrayList<>(docs);
        for (int i = 0; i < docs; i++) {
            long id = 1_000_000 + i;
            BenchCorpus.Doc d = corpus.next(i, 1000);
            var meta = new Resource.Metadata(d.title(), "", "初中", d.grade(), d.subject(), d.edition(), null, null, null,
                    null, d.type(), List.of(d.tag()), "CC BY", d.visibility());
            resources
                    .add(new Resource(id, 1, "bench", 1, "application/pdf", "bench", 4, "刘芳", 1, 1L + random.nextInt(4),
                            "学校", "b.pdf", meta, "ready", null, "approved", null, random.nextInt(100), 0, 0, 0,
                            t0.plusSeconds(i),
                            t0.plusSeconds(i)));
            texts.add(d.text());
        }
        insertRows(module, resources);

        // 1. keyword indexing into the server's own index (the writer thread is idle meanwhile), BENCH_INDEX_THREADS
        // threads (default: the number of cores) feeding the one IndexWriter, which is thread-safe
        LibraryIndex index = search.index();
        int threads = Integer.parseInt(System.getenv().getOrDefault("BENCH_INDEX_THREADS", String.valueOf(Runtime
                .getRuntime().availableProcessors())));
        long bytes = 0;
        for (String t : texts) {
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        long start = System.nanoTime();
        // at the priority of the server's own bulk indexing (a rebuild's threads: IndexFeed.REBUILD_PRIORITY)
        ExecutorService indexers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("bench-indexer")
                .priority(IndexFeed.REBUILD_PRIORITY).factory());
        AtomicLong next = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        List<Future<?>> indexing = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            indexing.add(indexers.submit(() -> {
                long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (int i = (int) next.getAndIncrement(); i < docs; i = (int) next.getAndIncrement()) {
                    index.put(new IndexSchema.Source(resources.get(i), texts.get(i), null));
                }
                cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0);
                return null;
            }));
        }
        for (Future<?> f : indexing) {
            f.get();
        }
        indexers.shutdown();
        index.commit();
        index.refresh();
        double seconds = (System.nanoTime() - start) / 1e9;
        // searches are measured on the index at rest: the merges a bulk load leaves running in the background
        // would otherwise compete with them for the 2 cores
        index.awaitMerges();
        index.refresh();
        // the files of merged-away segments go at the next commit (the live feed commits periodically)
        index.commit();
        result.put("segments", index.segments());
        result.put("indexThreads", threads).put("indexSeconds", round(seconds)).put("indexedMB", round(bytes / 1e6))
                .put("indexGBperHour", round(bytes / 1e9 / (seconds / 3600)))
                .put("indexDocsPerSecond", round(docs / seconds)).put("indexSizeMB", round(index.sizeOnDisk() / 1e6))
                // CPU time of the indexing threads (analysis + inverting; flushes/merges on them included): GB per
                // CPU-hour times the cores is what an otherwise idle machine can reach, and is less load-sensitive
                .put("indexCpuSeconds", round(cpuNanos.get() / 1e9))
                .put("indexGBperCpuHour", round(bytes / 1e9 / (cpuNanos.get() / 1e9 / 3600)));
        System.out.println("indexed " + docs + " docs in " + round(seconds) + " s");

        // 2. embeddings (measured separately from keyword indexing) on a sample of BENCH_EMBED documents
        Embedder embedder = Embedder.loadInBackground();
        embedder.passage("预热");
        int sample = Math.min(Integer.parseInt(System.getenv().getOrDefault("BENCH_EMBED", "2000")), docs);
        start = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            Resource r = resources.get(i);
            embedder.passage(r.meta().title() + "\n" + IndexSchema.metaText(r) + "\n" + texts.get(i));
        }
        result.put("embedSample", sample).put("embeddingsPerSecond", round(sample / ((System.nanoTime() - start)
                / 1e9)));
        // the generated corpus (~200 MB of strings) is the benchmark's, not the server's: let it go before searches,
        // so that the server's heap during the searches is what a server holding this index would have
        texts.clear();
        resources.clear();

        // 3. raw Lucene vs HTTP, same index, same queries, keyword ranking (no query embedding in either)
        String token = login(server.port());
        // the raw path searches as exactly the user the HTTP path resolves from the token (same visibility filter)
        Principal teacher = module.services().authenticator().authenticate(token).toCompletionStage()
                .toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        System.out.println("searching as " + teacher);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Call raw = q -> index.search(teacher, new SearchRequest(q, Map.of(), "relevance", 1, 20), null);
        Call overJdkHttp = q -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/search?size=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.body());
            }
            return r;
        };
        // the measured HTTP path: a light keep-alive client per thread (PlainHttp), so that the figure is the
        // server's; the JDK HttpClient's own hand-offs (~2-3 ms on 2 shared cores) are reported separately
        ThreadLocal<PlainHttp> plain = ThreadLocal.withInitial(() -> {
            try {
                return new PlainHttp(server.port());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Call overHttp = q -> {
            PlainHttp.Reply r = plain.get().get("/api/v1/search?size=20&q=" + URLEncoder.encode(q,
                    StandardCharsets.UTF_8), token);
            if (r.status() != 200 || !r.body().startsWith("{\"total\"")) {
                throw new IllegalStateException(r.status() + " " + r.body());
            }
            return r;
        };
        // warm all paths (JIT) before anything is measured: at least BENCH_WARMUP searches per path, then rounds of
        // 100 per path (50 at one client, 50 at two) until the JIT is quiet (compiling less than BENCH_JIT_QUIET % of
        // one core's time in two rounds in a row), for at most BENCH_WARMUP_SECONDS; each measured phase reports the
        // compile time meanwhile (elapsed: a compilation waiting for a core counts)
        var jit = ManagementFactory.getCompilationMXBean();
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "200"));
        double quietPercent = Double.parseDouble(System.getenv().getOrDefault("BENCH_JIT_QUIET", "5"));
        long warmupLimit = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(System.getenv().getOrDefault(
                "BENCH_WARMUP_SECONDS", "120")));
        long warmStart = System.nanoTime();
        int warmed = 0;
        int quietRounds = 0;
        while (warmed < warmup || quietRounds < 2 && System.nanoTime() < warmupLimit) {
            long roundStart = System.nanoTime();
            long compiled = jit.getTotalCompilationTime();
            // one client, then two at once: the two-client phases run code shapes (contention) one client does not
            for (Call path : List.of(raw, overHttp, overJdkHttp)) {
                run(1, WARMUP_ROUND / 2, path);
                run(2, WARMUP_ROUND / 4, path);
            }
            warmed += WARMUP_ROUND;
            double percent = 100.0 * (jit.getTotalCompilationTime() - compiled) / TimeUnit.NANOSECONDS.toMillis(
                    System.nanoTime() - roundStart);
            quietRounds = percent < quietPercent ? quietRounds + 1 : 0;
        }
        result.put("warmupSearchesPerPath", warmed).put("warmupSeconds", round((System.nanoTime() - warmStart)
                / 1e9)).put("jitQuiet", quietRounds >= 2);
        System.out.println("warmed up: " + warmed + " searches per path in " + result.getDouble("warmupSeconds")
                + " s, JIT quiet: " + result.getBoolean("jitQuiet"));
        for (int clients : new int[]{1, 2}) {
            measure(result, "raw" + clients, clients, searches, raw);
            measure(result, "http" + clients, clients, searches, overHttp);
            measure(result, "jdkHttp" + clients, clients, searches, overJdkHttp);
        }
        result.put("httpVsRawP50", round(result.getJsonObject("http1").getDouble("p50ms") / result.getJsonObject("raw1")
                .getDouble("p50ms")));
        result.put("httpVsRawP99", round(result.getJsonObject("http1").getDouble("p99ms") / result.getJsonObject("raw1")
                .getDouble("p99ms")));
        result.put("httpVsRawP99at2", round(result.getJsonObject("http2").getDouble("p99ms") / result.getJsonObject(
                "raw2").getDouble("p99ms")));

        // per query (BENCH_PER_QUERY=n repetitions each): which queries set the tail, raw and over HTTP
        int perQuery = Integer.parseInt(System.getenv().getOrDefault("BENCH_PER_QUERY", "0"));
        if (perQuery > 0) {
            JsonObject byQuery = new JsonObject();
            for (String q : QUERIES) {
                long[] r = new long[perQuery];
                long[] h = new long[perQuery];
                for (int i = 0; i < perQuery; i++) {
                    long t = System.nanoTime();
                    raw.run(q);
                    r[i] = System.nanoTime() - t;
                    t = System.nanoTime();
                    overHttp.run(q);
                    h[i] = System.nanoTime() - t;
                }
                Arrays.sort(r);
                Arrays.sort(h);
                byQuery.put(q, new JsonObject().put("rawP50ms", round(r[perQuery / 2] / 1e6)).put("rawMaxMs", round(
                        r[perQuery - 1] / 1e6)).put("httpP50ms", round(h[perQuery / 2] / 1e6)).put("httpMaxMs",
                                round(h[perQuery - 1] / 1e6)));
                System.out.println("query " + q + " " + byQuery.getJsonObject(q).encode());
            }
            result.put("perQuery", byQuery);
        }

        // 4. freshness: a new upload's extraction finishing (status ready) -> first search that finds it
        int fresh = Integer.parseInt(System.getenv().getOrDefault("BENCH_FRESH", "30"));
        if (fresh > 0) {
            result.put("freshness", freshness(server.port(), token, fresh));
        }

        // 5. 1 GB upload over HTTP vs a direct S3 put, heap sampled during the upload
        if (uploadMb > 0) {
            upload(result, server.port(), token, module, uploadMb);
        }
        System.out.println("RESULT " + result.encode());
        System.exit(0);
    }

    /** Keyword ranking only (embeddings off); BENCH_SPIN_MICROS, when set, overrides library.searchSpinMicros. */
    private static JsonObject libraryOverrides() {
        JsonObject library = new JsonObject().put("embeddings", false);
        String spin = System.getenv("BENCH_SPIN_MICROS");
        if (spin != null && !spin.isBlank()) {
            library.put("searchSpinMicros", Integer.parseInt(spin.strip()));
        }
        return library;
    }

    private interface Call {
        Object run(String q) throws Exception;
    }

    /** One measured phase: latency figures plus the JIT's compile time meanwhile (ms). */
    private static void measure(JsonObject result, String name, int clients, int perClient, Call call)
            throws Exception {
        var jit = ManagementFactory.getCompilationMXBean();
        long compiled = jit.getTotalCompilationTime();
        JsonObject stats = stats(run(clients, perClient, call));
        result.put(name, stats.put("compileMs", jit.getTotalCompilationTime() - compiled));
    }

    private static long[] run(int clients, int perClient, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] out = new long[clients * perClient];
        AtomicLong slot = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    long t = System.nanoTime();
                    call.run(QUERIES[(i + offset * 7) % QUERIES.length]);
                    out[(int) slot.getAndIncrement()] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        long[] withWall = Arrays.copyOf(out, out.length + 1);
        withWall[out.length] = wall;
        return withWall;
    }

    private static JsonObject stats(long[] latWithWall) {
        long wall = latWithWall[latWithWall.length - 1];
        long[] lat = Arrays.copyOf(latWithWall, latWithWall.length - 1);
        Arrays.sort(lat);
        return new JsonObject().put("p50ms", round(lat[lat.length / 2] / 1e6))
                .put("p90ms", round(lat[(int) (lat.length * 0.90)] / 1e6))
                .put("p99ms", round(lat[(int) (lat.length * 0.99)] / 1e6))
                .put("maxMs", round(lat[lat.length - 1] / 1e6))
                .put("perSecond", round(lat.length / (wall / 1e9)));
    }

    /**
     * Uploads {@code n} small text files one after another; for each, polls its status every 2 ms until it is no
     * longer {@code processing}, then polls search every 2 ms until the hit appears. The time between the two is an
     * upper bound of "extraction done -> searchable" (plus one poll interval). Reports p50/p99/max in ms.
     */
    private static JsonObject freshness(int port, String token, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            String word = "新鲜度" + i + "x" + Long.toString(System.nanoTime() % 1_000_000, 36);
            String boundary = "freshboundary";
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n素材\r\n--"
                    + boundary + "\r\nContent-Disposition: form-data; name=\"visibility\"\r\n\r\nprivate\r\n--"
                    + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\n新上传 " + word + "\r\n--" + boundary + "--\r\n";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/resources")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("upload failed: " + r.body());
            }
            long id = new JsonObject(r.body()).getLong("id");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                String status = new JsonObject(get(http, port, token, "/api/v1/resources/" + id)).getString("status");
                if (!"processing".equals(status)) {
                    break;
                }
                check(deadline, id);
                Thread.sleep(2);
            }
            long ready = System.nanoTime();
            while (new JsonObject(get(http, port, token, "/api/v1/search?q=" + URLEncoder.encode(word,
                    StandardCharsets.UTF_8))).getJsonArray("hits").stream()
                    .noneMatch(h -> ((JsonObject) h).getLong("id") == id)) {
                check(deadline, id);
                Thread.sleep(2);
            }
            lat[i] = System.nanoTime() - ready;
        }
        Arrays.sort(lat);
        return new JsonObject().put("uploads", n).put("p50ms", round(lat[n / 2] / 1e6))
                .put("p99ms", round(lat[Math.min(n - 1, (int) (n * 0.99))] / 1e6))
                .put("maxMs", round(lat[n - 1] / 1e6));
    }

    private static String get(HttpClient http, int port, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void check(long deadline, long id) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("resource " + id + " not searchable after 60 s");
        }
    }

    private static void upload(JsonObject result, int port, String token, LibraryModule module, int mb)
            throws Exception {
        long size = (long) mb << 20;
        var storage = module.services().storage();
        long start = System.nanoTime();
        storage.put("bench/direct-" + System.nanoTime(), generated(size), size, "video/mp4").toCompletionStage()
                .toCompletableFuture().get();
        double direct = size / 1e6 / ((System.nanoTime() - start) / 1e9);
        System.gc();
        var memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getUsed();
        // used heap (garbage included) min/max, and the heap left after each collection (what is retained) max
        AtomicLong peak = new AtomicLong(before);
        AtomicLong low = new AtomicLong(Long.MAX_VALUE);
        AtomicLong retained = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        var heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP
                        && pool.getCollectionUsage() != null)
                .toList();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = memory.getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                low.accumulateAndGet(used, Math::min);
                retained.accumulateAndGet(heapPools.stream().mapToLong(pool -> pool.getCollectionUsage().getUsed())
                        .sum(), Math::max);
                samples.incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        String boundary = "benchboundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n微课\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"visibility\"\r\n\r\nprivate\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/resources")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                                new java.io.ByteArrayInputStream(head), generated(size),
                                new java.io.ByteArrayInputStream(tail))))),
                        head.length + size + tail.length))
                .build(), HttpResponse.BodyHandlers.ofString());
        double viaHttp = size / 1e6 / ((System.nanoTime() - start) / 1e9);
        sampler.interrupt();
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload failed: " + r.body());
        }
        result.put("uploadMB", mb).put("uploadMBps", round(viaHttp)).put("directPutMBps", round(direct))
                .put("uploadVsDirect", round(viaHttp / direct))
                .put("heapBeforeMB", round(before / 1e6)).put("heapMinDuringUploadMB", round(low.get() / 1e6))
                .put("heapMaxDuringUploadMB", round(peak.get() / 1e6))
                .put("heapAfterGcMaxDuringUploadMB", round(retained.get() / 1e6)).put("heapSamples", samples.get())
                .put("maxHeapMB", round(memory.getHeapMemoryUsage().getMax() / 1e6));
    }

    /** An MP4-looking stream of {@code size} bytes (an ftyp box, then pseudo-random bytes). */
    static InputStream generated(long size) {
        byte[] ftyp = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'm', 'p', '4', '2', 'i', 's',
                'o',
                'm'};
        byte[] block = new byte[1 << 16];
        new Random(7).nextBytes(block);
        System.arraycopy(ftyp, 0, block, 0, ftyp.length);
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                return pos < size ? block[(int) (pos++ % block.length)] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                for (int i = 0; i < n;) {
                    int at = (int) ((pos + i) % block.length);
                    int chunk = Math.min(n - i, block.length - at);
                    System.arraycopy(block, at, b, off + i, chunk);
                    i += chunk;
                }
                pos += n;
                return n;
            }
        };
    }

    private static void insertRows(LibraryModule module, List<Resource> resources) throws Exception {
        var db = module.services().db();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            c.setAutoCommit(false);
            // the benchmark indexes these rows itself (with generated text): keep them out of the change log the
            // index feed tails, which would re-index them from PostgreSQL (without text) meanwhile
            c.createStatement().execute("ALTER TABLE library_resource DISABLE TRIGGER library_resource_changed");
            long blob;
            try (var rs = c.createStatement().executeQuery("""
                    INSERT INTO library_blob (sha256, object_key, size_bytes, mime)
                    VALUES ('bench', 'bench', 1, 'application/pdf') RETURNING id""")) {
                rs.next();
                blob = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    """
                            INSERT INTO library_resource (id, blob_id, owner_id, group_id, school_id, file_name, title, stage,
                              grade, subject, edition, type, tags, visibility, status, downloads)
                            OVERRIDING SYSTEM VALUE VALUES (?, ?, 4, 1, ?, 'b.pdf', ?, '初中', ?, ?, ?, ?, ?, ?, 'ready', ?)""")) {
                int n = 0;
                for (Resource r : resources) {
                    var m = r.meta();
                    ps.setLong(1, r.id());
                    ps.setLong(2, blob);
                    ps.setLong(3, r.schoolId());
                    ps.setString(4, m.title());
                    ps.setString(5, m.grade());
                    ps.setString(6, m.subject());
                    ps.setString(7, m.edition());
                    ps.setString(8, m.type());
                    ps.setArray(9, c.createArrayOf("text", m.tags().toArray()));
                    ps.setString(10, m.visibility());
                    ps.setLong(11, r.downloads());
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.createStatement().execute("ALTER TABLE library_resource ENABLE TRIGGER library_resource_changed");
            c.commit();
        }
    }

    private static String login(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers
                        .ofString("{\"username\":\"teacher1\",\"password\":\"tongbei-demo\"}"))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(r.body()).getString("accessToken");
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
