package cn.tongbei.testing;

import cn.tongbei.platform.storage.EmbeddedS3Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Two clustered Tongbei nodes in child JVMs on loopback (Hazelcast with a TCP member list), sharing the test's
 * PostgreSQL and one S3 server of their own: started once per test JVM and shared by the cluster tests. A test
 * that kills a node calls {@link #ensureRunning()} afterwards (or in a {@code finally}) to start it again.
 */
public final class TwoNodes {
    private static TwoNodes instance;

    private final EmbeddedS3Server s3;
    private final List<NodeProcess> nodes;

    private TwoNodes(EmbeddedS3Server s3, List<NodeProcess> nodes) {
        this.s3 = s3;
        this.nodes = nodes;
    }

    public static synchronized TwoNodes get() {
        if (instance == null) {
            Path dir = TestServer.freshDataDir("two-nodes");
            EmbeddedS3Server s3 = EmbeddedS3Server.start(dir.resolve("s3"));
            int clusterA = NodeProcess.freePort();
            int clusterB = NodeProcess.freePort();
            String members = "127.0.0.1:" + clusterA + ",127.0.0.1:" + clusterB;
            NodeProcess a = NodeProcess.start(0, dir.resolve("a"), s3, cluster(clusterA, members));
            NodeProcess b = NodeProcess.start(0, dir.resolve("b"), s3, cluster(clusterB, members));
            instance = new TwoNodes(s3, List.of(a, b));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                a.kill();
                b.kill();
                s3.close();
            }));
        }
        return instance;
    }

    private static Map<String, String> cluster(int port, String members) {
        return Map.of("TONGBEI_CLUSTER_ENABLED", "true", "TONGBEI_CLUSTER_NAME", "tongbei-it-" + members.hashCode(),
                "TONGBEI_CLUSTER_HOST", "127.0.0.1", "TONGBEI_CLUSTER_PORT", String.valueOf(port),
                "TONGBEI_CLUSTER_MEMBERS", members);
    }

    public NodeProcess a() {
        return nodes.get(0);
    }

    public NodeProcess b() {
        return nodes.get(1);
    }

    public EmbeddedS3Server s3() {
        return s3;
    }

    /** Restarts any node a test killed or stopped; waits until it is ready again. */
    public synchronized void ensureRunning() {
        for (NodeProcess node : nodes) {
            if (!node.alive()) {
                node.restart();
            }
        }
    }
}
