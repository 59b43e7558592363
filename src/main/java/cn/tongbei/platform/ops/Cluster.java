package cn.tongbei.platform.ops;

import cn.tongbei.platform.config.TongbeiConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Cluster mode: nodes join a Vert.x cluster through Hazelcast, discovering each other from a configured member
 * list over TCP (no multicast), and share the event bus. Hazelcast's phone-home is switched off here as well as
 * by the launcher's JVM flags.
 */
public final class Cluster {
    private Cluster() {}

    public static ClusterManager manager(TongbeiConfig.Cluster cluster) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(cluster.host());
        config.getNetworkConfig().setPublicAddress(cluster.host() + ":" + cluster.port());
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        return new HazelcastClusterManager(config);
    }
}
