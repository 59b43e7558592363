package cn.tongbei.platform.ops;

import cn.tongbei.platform.config.TongbeiConfig;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import cn.tongbei.platform.config.TongbeiConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * Prometheus metrics: Vert.x's own (HTTP server requests and latencies, websockets, SQL pool usage, event bus)
 * through its Micrometer integration, JVM and CPU figures, and whatever features register on the same
 * registry (co-edit and classroom latencies, indexing lag). Scraped at {@code GET /metrics}.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A Vert.x instance reporting into this registry; clustered (completed on joining) in cluster mode. */
    public Future<Vertx> newVertx(TongbeiConfig.Cluster cluster) {
        VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                .setJvmMetricsEnabled(false)).setPreferNativeTransport(true);
        VertxBuilder builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
        if (!cluster.enabled()) {
            return Future.succeededFuture(builder.build());
        }
        options.getEventBusOptions().setHost(cluster.host()).setClusterPublicHost(cluster.host()).setPort(0);
        return builder.withClusterManager(Cluster.manager(cluster)).buildClustered();
    }
}
