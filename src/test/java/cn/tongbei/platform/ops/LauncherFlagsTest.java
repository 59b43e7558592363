package cn.tongbei.platform.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server's launcher flags (pom.xml: tongbei.heap.flags and tongbei.sched.flags, passed in by Surefire) start a
 * JVM, and on Linux they do what docs/architecture.md says: the JIT compiler threads at nice 19, a thread at the
 * lowest Java priority (an index rebuild's) at nice 19, everything else unchanged, whether root or not.
 */
class LauncherFlagsTest {
    private static List<String> flags() {
        String flags = System.getProperty("tongbei.launcher.flags", "").trim();
        assertFalse(flags.isEmpty() || flags.contains("${"), "Surefire passes tongbei.launcher.flags: " + flags);
        return Arrays.asList(flags.split("\\s+"));
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM ended");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    @Test
    @DisplayName("the launcher's JVM flags are accepted and set the compiler threads' and priorities' mapping")
    void flags_are_accepted() throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(flags());
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Map<String, String> values = new HashMap<>();
        for (String line : run(command).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[2].equals("=")) {
                values.put(f[1], f[3]);
            }
        }
        assertEquals("1", values.get("ThreadPriorityPolicy"));
        assertEquals("19", values.get("CompilerThreadPriority"));
        assertEquals("19", values.get("JavaPriority1_To_OSPriority"));
        for (int p = 6; p <= 10; p++) {
            assertEquals("0", values.get("JavaPriority" + p + "_To_OSPriority"), "Java priority " + p);
        }
    }

    @Test
    @DisplayName("on Linux: compiler threads and the lowest Java priority run at nice 19, the rest unchanged")
    void threads_get_their_nice_values() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(flags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NiceProbe.class.getName()));
        Map<String, Integer> nice = new HashMap<>();
        for (String line : run(command).split("\n")) {
            int eq = line.lastIndexOf('=');
            if (eq > 0 && line.substring(eq + 1).trim().matches("-?\\d+")) {
                nice.merge(line.substring(0, eq), Integer.parseInt(line.substring(eq + 1).trim()), Math::max);
            }
        }
        assertEquals(19, nice.get("C1 CompilerThre"), nice.toString());
        assertEquals(19, nice.get("C2 CompilerThre"), nice.toString());
        assertEquals(19, nice.get("min-priority"), nice.toString());
        // everything else keeps the nice value the JVM was started with (this test's own)
        int base = NiceProbe.nice(Files.readString(Path.of("/proc/self/stat")));
        nice.forEach((thread, value) -> {
            if (!thread.contains("CompilerThre") && !thread.equals("min-priority")) {
                assertEquals(base, value, thread + " in " + nice);
            }
        });
    }
}
