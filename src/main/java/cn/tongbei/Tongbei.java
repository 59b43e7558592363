package cn.tongbei;

import cn.tongbei.demo.DemoData;
import cn.tongbei.groups.GroupRoutes;
import cn.tongbei.groups.GroupService;
import cn.tongbei.groups.MetaRoutes;
import cn.tongbei.health.HealthRoutes;
import cn.tongbei.identity.AuthRoutes;
import cn.tongbei.identity.AuthService;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.identity.LoginThrottle;
import cn.tongbei.identity.PasswordWorker;
import cn.tongbei.identity.PrincipalCache;
import cn.tongbei.identity.Sessions;
import cn.tongbei.identity.UserRoutes;
import cn.tongbei.identity.UserService;
import cn.tongbei.platform.auth.PasswordHasher;
import cn.tongbei.platform.auth.Tokens;
import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.db.Databases;
import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.db.EmbeddedPostgresServer;
import cn.tongbei.platform.db.Migrations;
import cn.tongbei.platform.db.PgListener;
import cn.tongbei.platform.ops.Lifecycle;
import cn.tongbei.platform.ops.Metrics;
import cn.tongbei.platform.storage.EmbeddedS3Server;
import cn.tongbei.platform.storage.ObjectStorage;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Tongbei: its PostgreSQL and S3 (embedded or external), migrations, seed data, Vert.x and the
 * HTTP server. {@link #start} blocks (it runs on the launching thread, never on an event loop).
 */
public final class Tongbei implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tongbei.class);

    private final List<AutoCloseable> resources;
    private final Vertx vertx;
    private final Pool pool;
    private final DbEndpoint db;
    private final HttpVerticle http;
    private final List<Module> modules;
    private final Lifecycle lifecycle;
    private final int drainSeconds;

    private Tongbei(List<AutoCloseable> resources, Vertx vertx, Pool pool, DbEndpoint db, HttpVerticle http,
            List<Module> modules, Lifecycle lifecycle, int drainSeconds) {
        this.resources = resources;
        this.vertx = vertx;
        this.pool = pool;
        this.db = db;
        this.http = http;
        this.modules = modules;
        this.lifecycle = lifecycle;
        this.drainSeconds = drainSeconds;
    }

    public static Tongbei start(TongbeiConfig config) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return startWith(config, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static Tongbei startWith(TongbeiConfig config, List<AutoCloseable> resources) {
        long t0 = System.nanoTime();
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        LOG.info("Tongbei starting in {} mode; data directory {}", config.modeName().toUpperCase(), dataDir);

        DbEndpoint db;
        if (config.db().external()) {
            db = DbEndpoint.of(config.db().url(), config.db().user(), config.db().password());
            LOG.info("PostgreSQL: external {}", db.describe());
        } else {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir);
            resources.add(postgres);
            db = postgres.endpoint();
        }
        Migrations.migrate(db);

        String s3Endpoint = config.s3().endpoint();
        String s3Access = config.s3().accessKey();
        String s3Secret = config.s3().secretKey();
        if (config.s3().external()) {
            LOG.info("S3: external {} bucket {}", s3Endpoint, config.s3().bucket());
        } else {
            EmbeddedS3Server s3 = EmbeddedS3Server.start(dataDir);
            resources.add(s3);
            s3Endpoint = s3.endpoint();
            s3Access = s3.accessKey();
            s3Secret = s3.secretKey();
        }

        PasswordHasher hasher = new PasswordHasher(config.auth().argon2MemoryKib(), config.auth().argon2Iterations());
        if (config.embedded()) {
            if (config.demo().seed()) {
                DemoData.seedIfEmpty(db, hasher);
            }
        } else {
            DemoData.bootstrapAdmin(db, hasher, config.auth().adminUsername(), config.auth().adminPassword());
        }

        Metrics metrics = new Metrics();
        Lifecycle lifecycle = new Lifecycle();
        Vertx vertx = await(metrics.newVertx(config.cluster()));
        if (config.cluster().enabled()) {
            LOG.info("cluster mode: joined '{}' as {}:{}, members {}", config.cluster().name(), config.cluster().host(),
                    config.cluster().port(), config.cluster().members());
        }
        resources.add(0, () -> await(vertx.close()));
        Pool pool = Databases.pool(vertx, db, config.db().poolSize());
        ObjectStorage storage = new ObjectStorage(vertx, s3Endpoint, s3Access, s3Secret, config.s3().region(),
                config.s3().bucket());
        await(storage.ensureBucket());

        Tokens tokens = new Tokens(vertx, jwtSecret(config, dataDir), config.auth().accessTokenTtlSeconds());
        PasswordWorker passwords = new PasswordWorker(vertx, hasher);
        LoginThrottle throttle = new LoginThrottle(pool, config.auth());
        // principals are held in memory while this node hears every change to them (LISTEN principal_change)
        PrincipalCache principals = new PrincipalCache(Duration.ofSeconds(config.auth().principalCacheSeconds()),
                100_000, metrics.registry());
        PgListener principalChanges = principals.listener(vertx, PgListener.options(db));
        principalChanges.start();
        resources.add(0, principalChanges::close);
        Authenticator authenticator = new Authenticator(tokens, pool, principals);
        Sessions sessions = new Sessions(pool, tokens, config.auth().refreshTokenTtlDays());
        GroupService groups = new GroupService(pool, config.groups(), authenticator::changed);
        UserService users = new UserService(pool, groups, passwords, authenticator::changed);
        Services services = new Services(vertx, config, dataDir, pool, db, storage, authenticator, groups, users,
                metrics.registry(), lifecycle, new Modules());
        List<Module> modules = startModules(services, resources);
        HttpVerticle.Features features = new HttpVerticle.Features(authenticator,
                new AuthRoutes(new AuthService(pool, tokens, sessions, throttle, passwords, authenticator)),
                new UserRoutes(users), new GroupRoutes(groups), new MetaRoutes(config),
                new HealthRoutes(pool, storage, lifecycle), metrics.registry(),
                modules);
        // several server instances share the port (http.instances, default one per core): connections and their
        // websockets spread over the event loops
        List<HttpVerticle> deployed = new CopyOnWriteArrayList<>();
        await(vertx.deployVerticle(() -> {
            HttpVerticle v = new HttpVerticle(config, features);
            deployed.add(v);
            return v;
        }, new DeploymentOptions().setInstances(config.http().instanceCount())));
        HttpVerticle http = deployed.get(0);
        vertx.setPeriodic(3_600_000, id -> throttle.prune());

        int port = http.actualPort();
        LOG.info("Tongbei is ready at http://localhost:{}/ ({} mode, {} HTTP server instances, {} transport, started "
                + "in {} ms)", port, config.modeName(), deployed.size(),
                vertx.isNativeTransportEnabled()
                        ? "epoll"
                        : "NIO",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return new Tongbei(resources, vertx, pool, db, http, modules, lifecycle, config.http().drainSeconds());
    }

    /** Starts every module on the class path, in a stable order, registering each for shutdown. */
    private static List<Module> startModules(Services services, List<AutoCloseable> resources) {
        List<Module> modules = new ArrayList<>();
        ServiceLoader.load(Module.class).forEach(modules::add);
        modules.sort(java.util.Comparator.comparing(m -> m.getClass().getName()));
        for (Module module : modules) {
            try {
                module.start(services);
            } catch (Exception e) {
                throw new IllegalStateException("module " + module.getClass().getSimpleName() + " failed to start: "
                        + e.getMessage(), e);
            }
            resources.add(0, module::stop);
            services.modules().add(module);
            LOG.info("module {} started", module.getClass().getSimpleName());
        }
        return modules;
    }

    /** The JWT signing secret: configured, or generated once and kept in the data directory (embedded mode). */
    private static String jwtSecret(TongbeiConfig config, Path dataDir) {
        if (!config.auth().jwtSecret().isBlank()) {
            return config.auth().jwtSecret();
        }
        Path file = dataDir.resolve("secrets").resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the JWT secret in " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after 60 s", e);
        }
    }

    public int port() {
        return http.actualPort();
    }

    public io.vertx.ext.web.Router router() {
        return http.routes();
    }

    public Vertx vertx() {
        return vertx;
    }

    public Pool pool() {
        return pool;
    }

    public DbEndpoint db() {
        return db;
    }

    /**
     * Graceful stop: readiness turns false, load balancers get {@code drainSeconds} to notice, then modules
     * close their websockets (code 1012: reconnect elsewhere) and everything stops.
     */
    public void shutdown() {
        lifecycle.startDraining();
        LOG.info("draining: readiness is false; stopping in {} s", drainSeconds);
        try {
            Thread.sleep(drainSeconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lifecycle.drained();
        close();
        LOG.info("stopped");
    }

    /** The started module of a type (for features that use another's public service, tests, benchmarks). */
    public <T extends Module> T module(Class<T> type) {
        return modules.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " is not running"));
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("error while stopping: {}", e.getMessage());
            }
        }
        resources.clear();
    }
}
