package cn.tongbei.classroom.bench;

import cn.tongbei.testing.TestServer;
import cn.tongbei.testing.TwoNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * For {@code BENCH_NODES=2}: the test fixture's embedded PostgreSQL and two clustered Tongbei nodes in child JVMs
 * on it ({@link TwoNodes}); writes "portA pidA portB pidB" to the file given as argument and runs until killed (the
 * fixture's shutdown hook stops the nodes).
 */
public final class TwoNodeLauncher {
    private TwoNodeLauncher() {}

    public static void main(String[] args) throws Exception {
        TestServer.get();
        TwoNodes nodes = TwoNodes.get();
        List<ProcessHandle> children = ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse(
                "").contains("cn.tongbei.Main")).sorted(Comparator.comparing(p -> p.info().startInstant().orElse(
                        java.time.Instant.EPOCH)))
                .toList();
        if (children.size() != 2) {
            throw new IllegalStateException("expected two node processes, found " + children.size());
        }
        Path out = Path.of(args[0]);
        Files.writeString(out.resolveSibling(out.getFileName() + ".tmp"), nodes.a().port() + " " + children.get(0)
                .pid() + " " + nodes.b().port() + " " + children.get(1).pid() + "\n");
        Files.move(out.resolveSibling(out.getFileName() + ".tmp"), out);
        Thread.currentThread().join();
    }
}
