package cn.tongbei.lessons;

import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for images in lesson plans. An image embed ({@code {"insert": {"image": src}}}) is accepted only
 * when {@code src} is one of our uploaded plan images ({@code /api/v1/prep/plans/{planId}/images/{uuid}.{ext}},
 * stored in S3 under {@code lessons/images/{planId}/…}) or a {@code data:} URL of a PNG, JPEG, GIF or WebP of at
 * most {@link #INLINE_MAX_BYTES}. Uploads are sniffed by their first bytes (never by the name or the declared
 * type) and limited to {@link #UPLOAD_MAX_BYTES}.
 */
public final class PlanImages {
    /** Largest uploaded image. */
    public static final int UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

    /** Largest image inlined as a data: URL (decoded bytes). */
    public static final int INLINE_MAX_BYTES = 96 * 1024;

    /** Our image URLs; group 1 is the plan id, group 2 the file name. */
    static final Pattern OURS = Pattern
            .compile("^/api/v1/prep/plans/([1-9][0-9]{0,17})/images/([0-9a-f]{32}\\.(?:png|jpg|gif|webp))$");

    private static final Pattern DATA = Pattern
            .compile("^data:image/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/]*={0,2})$");

    /** File extension → content type. */
    static final Map<String, String> TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "gif", "image/gif",
            "webp", "image/webp");

    private PlanImages() {}

    /** The extension of an image by its magic bytes (png, jpg, gif, webp), or null when it is none of these. */
    static String sniff(byte[] head) {
        if (head.length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0d && head[5] == 0x0a && head[6] == 0x1a && head[7] == 0x0a) {
            return "png";
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return "jpg";
        }
        if (head.length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
                && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return "gif";
        }
        if (head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return "webp";
        }
        return null;
    }

    /** The S3 key of one of our image URLs, or null when the URL is not ours. */
    static String keyOf(String src) {
        Matcher m = src == null ? null : OURS.matcher(src);
        return m != null && m.matches() ? "lessons/images/" + m.group(1) + "/" + m.group(2) : null;
    }

    /** The decoded bytes of an image data: URL within the inline limit whose bytes are what it says, else null. */
    static byte[] decodeDataUrl(String src) {
        if (src == null || src.length() > INLINE_MAX_BYTES / 3 * 4 + 64) {
            return null;
        }
        Matcher m = DATA.matcher(src);
        if (!m.matches()) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(m.group(2));
            String kind = sniff(bytes);
            String declared = m.group(1).equals("jpeg") ? "jpg" : m.group(1);
            return bytes.length <= INLINE_MAX_BYTES && declared.equals(kind) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Why an image embed's value is refused, or null when it is acceptable: our URL, or a data: URL of an allowed
     * type within the inline limit.
     */
    public static String problem(Object value) {
        if (!(value instanceof String src)) {
            return "an image must be a URL";
        }
        if (keyOf(src) != null) {
            return null;
        }
        if (src.startsWith("data:")) {
            return decodeDataUrl(src) != null
                    ? null
                    : "an inline image must be a PNG, JPEG, GIF or WebP data: URL of at most "
                            + INLINE_MAX_BYTES / 1024 + " KiB (upload larger ones)";
        }
        return "images must be uploaded to the plan (other addresses are not allowed)";
    }
}
