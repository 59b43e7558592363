package cn.tongbei;

import cn.tongbei.groups.GroupService;
import cn.tongbei.identity.Authenticator;
import cn.tongbei.identity.UserService;
import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.db.DbEndpoint;
import cn.tongbei.platform.ops.Lifecycle;
import cn.tongbei.platform.storage.ObjectStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;

/**
 * What the platform offers every module: Vert.x, configuration, PostgreSQL, S3, authentication, groups,
 * the metrics registry, the node's lifecycle (draining at shutdown) and the other modules.
 */
public record Services(Vertx vertx, TongbeiConfig config, Path dataDir, Pool pool, DbEndpoint db,
        ObjectStorage storage, Authenticator authenticator, GroupService groups, UserService users,
        MeterRegistry meters, Lifecycle lifecycle, Modules modules) {}
