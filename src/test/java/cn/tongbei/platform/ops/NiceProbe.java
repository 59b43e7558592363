package cn.tongbei.platform.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run in a JVM started with the launcher's flags (LauncherFlagsTest): prints each thread's name and nice value
 * from /proc, one {@code name=nice} per line, while a thread at the lowest Java priority is alive.
 */
public final class NiceProbe {
    private NiceProbe() {}

    public static void main(String[] args) throws Exception {
        Thread low = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "min-priority");
        low.setPriority(Thread.MIN_PRIORITY);
        low.setDaemon(true);
        low.start();
        Thread.sleep(200);
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).trim();
                System.out.println(name + "=" + nice(Files.readString(task.resolve("stat"))));
            }
        } catch (IOException e) {
            System.out.println("unreadable=" + e);
        }
    }

    /** Field 19 of /proc/…/stat, counted after the parenthesised name (which may contain spaces). */
    static int nice(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]);
    }
}
