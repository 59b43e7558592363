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
            stopGracefullyOn(tongbei, "TERM");
            stopGracefullyOn(tongbei, "INT");
            Runtime.getRuntime().addShutdownHook(new Thread(tongbei::close, "tongbei-close"));
        } catch (ConfigException | IllegalStateException e) {
            System.err.println();
            System.err.println("Tongbei could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * SIGTERM / SIGINT drain and stop the node before the JVM's shutdown hooks run: libraries with hooks of their
     * own (ONNX Runtime frees its native environment in one) must not be torn down while Tongbei still uses them.
     */
    private static void stopGracefullyOn(Tongbei tongbei, String signal) {
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
                if (once.compareAndSet(false, true)) {
                    Thread stop = new Thread(() -> {
                        tongbei.shutdown();
                        System.exit(0);
                    }, "tongbei-shutdown");
                    stop.start();
                }
            });
        } catch (IllegalArgumentException e) {
            // the signal is not available here (or reserved by the JVM): the shutdown hook still closes the node
        }
    }
}
