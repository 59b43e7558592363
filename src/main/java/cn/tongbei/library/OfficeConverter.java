package cn.tongbei.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Office and WPS documents to PDF with LibreOffice ({@code soffice --headless --convert-to pdf}), for previews.
 * One conversion at a time (the caller runs it on a single-thread executor; LibreOffice cannot share a user
 * profile between processes), a timeout after which the process and its children are killed, the server's own
 * user profile under the data directory (never the account's), an empty environment except {@code HOME} and
 * {@code PATH}, and no network: when {@code unshare} can give the process an empty network namespace it runs in
 * one. Found at {@code library.soffice} (configuration, or {@code TONGBEI_LIBRARY_SOFFICE}), else on the
 * {@code PATH}, else in the usual install directories; absent means previews say "unavailable".
 */
final class OfficeConverter {
    private static final Logger LOG = LoggerFactory.getLogger(OfficeConverter.class);

    private final Path soffice;
    private final Path profile;
    private final long timeoutSeconds;
    private final boolean isolateNetwork;

    OfficeConverter(Path soffice, Path profile, long timeoutSeconds) {
        this.soffice = soffice;
        this.profile = profile;
        this.timeoutSeconds = timeoutSeconds;
        this.isolateNetwork = unshareWorks();
    }

    /** The converter when LibreOffice is installed, else null. */
    static OfficeConverter find(Path dataDir, String configured) {
        Path found = locate(configured);
        if (found == null) {
            LOG.info("LibreOffice (soffice) not found: Office/WPS previews are unavailable");
            return null;
        }
        OfficeConverter c = new OfficeConverter(found, dataDir.resolve("library").resolve("soffice-profile"), 120);
        LOG.info("Office/WPS previews with {} (network isolation: {})", found, c.isolateNetwork);
        return c;
    }

    /** LibreOffice on the PATH or in the usual install locations. */
    static Path locate() {
        return locate("");
    }

    /** {@code configured} (library.soffice / TONGBEI_LIBRARY_SOFFICE) when it is an executable, else as above. */
    static Path locate(String configured) {
        List<String> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured.strip());
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(dir + "/soffice");
                    candidates.add(dir + "/libreoffice");
                }
            }
        }
        candidates.add("/usr/lib/libreoffice/program/soffice");
        candidates.add("/opt/libreoffice/program/soffice");
        candidates.add("/Applications/LibreOffice.app/Contents/MacOS/soffice");
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The file extension LibreOffice should see for a stored file (it picks its import filter by content). */
    static String extension(Resource r) {
        String name = r.fileName() == null ? "" : r.fileName().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return ext.matches("[a-z0-9]{1,5}") ? ext : "bin";
    }

    /**
     * Converts {@code input} to a PDF at {@code output}; blocking (minutes at worst), run it on the converter's
     * own executor. Throws when LibreOffice fails, times out or produces nothing.
     */
    void convert(Path input, Path output) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(output.getParent(), "convert");
        try {
            Files.createDirectories(profile);
            List<String> cmd = new ArrayList<>();
            if (isolateNetwork) {
                cmd.addAll(List.of("unshare", "--net", "--map-root-user"));
            }
            cmd.addAll(List.of(soffice.toString(), "-env:UserInstallation=" + profile.toUri(), "--headless",
                    "--invisible", "--nologo", "--nodefault", "--nolockcheck", "--norestore", "--nofirststartwizard",
                    "--convert-to", "pdf", "--outdir", work.toString(), input.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(work.resolve("soffice.log").toFile());
            pb.environment().clear();
            pb.environment().put("HOME", profile.toString());
            pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
            pb.environment().put("LANG", "C.UTF-8");
            Process process = pb.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("LibreOffice timed out after " + timeoutSeconds + " s");
            }
            String base = input.getFileName().toString();
            Path pdf = work.resolve(base.substring(0, base.lastIndexOf('.') < 0
                    ? base.length()
                    : base.lastIndexOf('.')) + ".pdf");
            if (process.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
                String log = Files.exists(work.resolve("soffice.log"))
                        ? Files.readString(work.resolve("soffice.log")).strip()
                        : "";
                throw new IOException("LibreOffice exit " + process.exitValue() + ": "
                        + (log.length() > 300 ? log.substring(0, 300) : log));
            }
            Files.move(pdf, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            try (var walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean unshareWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "--net", "--map-root-user", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
