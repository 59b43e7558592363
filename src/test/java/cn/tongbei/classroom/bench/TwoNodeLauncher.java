package cn.tongbei.classroom.bench;

import cn.tongbei.testing.TestServer;
import cn.tongbei.testing.TwoNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * For {@code BENCH_NODES=2}: the test fixture's embedded PostgreSQL and two clustered Tongbei nodes in child JVMs
 * on it ({@link TwoNodes}); writes "portA pidA portB pidB" to the file given as argument and runs until killed (the
 * fixture's shutdown hook stops the nodes).
 */
public final class TwoNodeLauncher {
    private TwoNodeLauncher() {}

    /** The child JVM started with {@code TONGBEI_HTTP_PORT=port} (read from its environment in /proc). */
    static long pid(int port) {
        List<ProcessHandle> children = ProcessHandle.current().children().filter(p -> {
            try {
                String env = Files.readString(Path.of("/proc/" + p.pid() + "/environ"));
                return List.of(env.split("\u0000")).contains("TONGBEI_HTTP_PORT=" + port);
            } catch (Exception e) {
                return false;
            }
        }).toList();
        if (children.size() != 1) {
            throw new IllegalStateException("no single node process on port " + port + ": " + children);
        }
        return children.get(0).pid();
    }

    public static void main(String[] args) throws Exception {
        TestServer.get();
        TwoNodes nodes = TwoNodes.get();
        Path out = Path.of(args[0]);
        Files.writeString(out.resolveSibling(out.getFileName() + ".tmp"), nodes.a().port() + " " + pid(nodes.a()
                .port()) + " " + nodes.b().port() + " " + pid(nodes.b().port()) + "\n");
        Files.move(out.resolveSibling(out.getFileName() + ".tmp"), out);
        Thread.currentThread().join();
    }
}
