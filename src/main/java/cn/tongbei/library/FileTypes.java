package cn.tongbei.library;

import cn.tongbei.platform.http.ApiException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;

/**
 * Which files the library accepts, and whether a file's content matches its extension (Tika's magic-byte
 * detector on the first bytes, never the name alone). Also makes user file names safe to show and to send
 * back in {@code Content-Disposition}.
 */
public final class FileTypes {
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\u2028\\u2029]");
    private static final Detector DETECTOR = TikaConfig.getDefaultConfig().getDetector();
    private static final Set<String> OLE = Set.of("application/x-tika-msoffice", "application/msword",
            "application/vnd.ms-powerpoint", "application/vnd.ms-excel", "application/vnd.ms-works",
            "application/x-tika-ooxml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    private static final Set<String> ZIP = Set.of("application/zip", "application/x-tika-ooxml",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** Extension → the MIME type served, and the content types that may carry it. */
    private record Kind(String mime, Set<String> contents) {}

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("pdf", new Kind("application/pdf", Set.of("application/pdf"))),
            Map.entry("doc", new Kind("application/msword", OLE)),
            Map.entry("ppt", new Kind("application/vnd.ms-powerpoint", OLE)),
            Map.entry("xls", new Kind("application/vnd.ms-excel", OLE)),
            Map.entry("wps", new Kind("application/vnd.ms-works", OLE)),
            Map.entry("et", new Kind("application/vnd.ms-excel", OLE)),
            Map.entry("dps", new Kind("application/vnd.ms-powerpoint", OLE)),
            Map.entry("docx", new Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP)),
            Map.entry("pptx",
                    new Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP)),
            Map.entry("xlsx", new Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP)),
            Map.entry("jpg", new Kind("image/jpeg", Set.of("image/jpeg"))),
            Map.entry("jpeg", new Kind("image/jpeg", Set.of("image/jpeg"))),
            Map.entry("png", new Kind("image/png", Set.of("image/png"))),
            Map.entry("gif", new Kind("image/gif", Set.of("image/gif"))),
            Map.entry("webp", new Kind("image/webp", Set.of("image/webp"))),
            Map.entry("mp4", new Kind("video/mp4", Set.of("video/mp4", "video/quicktime", "video/x-m4v"))),
            Map.entry("txt", new Kind("text/plain; charset=utf-8", Set.of("text/plain"))),
            Map.entry("md", new Kind("text/markdown; charset=utf-8", Set.of("text/plain", "text/x-web-markdown"))));

    private FileTypes() {}

    /** The extensions accepted, for messages and the upload dialog. */
    public static String accepted() {
        return String.join(", ", new java.util.TreeSet<>(KINDS.keySet()));
    }

    /**
     * Keeps the last path segment of a user's file name, drops control and format characters, trims and
     * shortens it; never empty.
     */
    public static String safeName(String raw) {
        String name = raw == null ? "" : raw;
        int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = UNSAFE.matcher(name.substring(cut + 1)).replaceAll("").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.codePointCount(0, name.length()) > 200) {
            name = name.substring(0, name.offsetByCodePoints(0, 200));
        }
        return name.isBlank() ? "file" : name;
    }

    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Refuses an extension the library does not take (415). */
    public static void requireAccepted(String name) {
        if (!KINDS.containsKey(extension(name))) {
            throw new ApiException(415, "library_unsupported_type", extension(name), accepted());
        }
    }

    /**
     * The MIME type to store for a file named {@code name} whose first bytes are {@code head}; 415 when the
     * content is of another kind than the extension says.
     */
    public static String verify(String name, byte[] head) {
        requireAccepted(name);
        Kind kind = KINDS.get(extension(name));
        String detected = detect(head);
        boolean textual = kind.contents().contains("text/plain") && detected.startsWith("text/");
        if (!kind.contents().contains(detected) && !textual) {
            throw new ApiException(415, "library_type_mismatch", extension(name), detected);
        }
        return kind.mime();
    }

    /** The content type Tika's detector sees in these bytes (no file name given, so magic bytes decide). */
    public static String detect(byte[] head) {
        try (TikaInputStream in = TikaInputStream.get(head)) {
            return DETECTOR.detect(in, new Metadata()).getBaseType().toString();
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }
}
