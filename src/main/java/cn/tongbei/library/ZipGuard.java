package cn.tongbei.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.tika.exception.TikaException;

/**
 * Zip-bomb protection for zip-based documents (docx, pptx, xlsx) before Tika and POI see them: every entry is
 * inflated into nothing while counting the real bytes (declared sizes can lie), and the file is refused when
 * it expands more than {@value #MAX_RATIO}× beyond {@value #GRACE_BYTES} bytes, when an XML part alone
 * inflates past {@value #MAX_XML_PART_BYTES} bytes (POI builds such parts in memory), or when it holds over
 * {@value #MAX_ENTRIES} entries. A file that is not a readable zip is left to the parser to report.
 */
final class ZipGuard {
    static final int MAX_RATIO = 100;
    static final long GRACE_BYTES = 16L << 20;
    static final long MAX_XML_PART_BYTES = 64L << 20;
    static final int MAX_ENTRIES = 10_000;

    private ZipGuard() {}

    /** Throws a {@link TikaException} whose message names the reason when {@code file} looks like a zip bomb. */
    static void check(Path file) throws TikaException, IOException {
        long compressed = Files.size(file);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            return; // not a zip we can read: the parser reports it
        }
        try (zip) {
            if (zip.size() > MAX_ENTRIES) {
                throw new TikaException("suspected zip bomb: over " + MAX_ENTRIES + " entries");
            }
            long total = 0;
            byte[] sink = new byte[1 << 16];
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                boolean xml = e.getName().toLowerCase(Locale.ROOT).endsWith(".xml")
                        || e.getName().toLowerCase(Locale.ROOT).endsWith(".rels");
                long part = 0;
                try (InputStream in = zip.getInputStream(e)) {
                    for (int n = in.read(sink); n >= 0; n = in.read(sink)) {
                        part += n;
                        total += n;
                        if (xml && part > MAX_XML_PART_BYTES) {
                            throw new TikaException("suspected zip bomb: the part " + e.getName() + " expands over "
                                    + (MAX_XML_PART_BYTES >> 20) + " MiB");
                        }
                        if (total > GRACE_BYTES && total > MAX_RATIO * compressed) {
                            throw new TikaException("suspected zip bomb: expands over " + MAX_RATIO + "× its size");
                        }
                    }
                } catch (java.util.zip.ZipException ex) {
                    return; // corrupt entry: the parser reports it
                }
            }
        }
    }
}
