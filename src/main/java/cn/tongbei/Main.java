package cn.tongbei;

import cn.tongbei.platform.config.ConfigException;
import cn.tongbei.platform.config.ConfigLoader;
import cn.tongbei.platform.config.TongbeiConfig;
import cn.tongbei.platform.ops.BackupCommand;
import cn.tongbei.platform.ops.Logging;

/**
 * Starts Tongbei with the configuration in {@code config/} and the environment; stops it on exit. With
 * {@code backup DIR} or {@code restore DIR} it backs up or restores the configured installation instead.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (Runtime.version().feature() < 21) {
            System.err.println("Tongbei needs Java 21 or newer; this is Java " + Runtime.version()
                    + ". Set JAVA_HOME to a JDK >= 21.");
            System.exit(2);
        }
        try {
            TongbeiConfig config = ConfigLoader.load(System.getenv());
            Logging.useFormat(config.log().format());
            if (BackupCommand.handles(args)) {
                System.exit(BackupCommand.run(args, config));
            }
            Tongbei tongbei = Tongbei.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(tongbei::shutdown, "tongbei-shutdown"));
        } catch (ConfigException | IllegalStateException e) {
            System.err.println();
            System.err.println("Tongbei could not start: " + e.getMessage());
            System.exit(1);
        }
    }
}
