package cn.tongbei.lessons;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * Pictures for the export: formulas typeset with JLaTeXMath, and the plan's images (data: URLs, or our uploaded
 * images fetched before rendering) decoded with ImageIO. Every method answers null when it cannot, and the
 * caller then writes the LaTeX text or {@code [图片]} instead.
 */
final class ExportImages {
    /** Pixels per point of a rendered formula (rendered at 3× for sharp print, placed at 1×). */
    static final int SCALE = 3;

    /** A picture and the size to place it at, in points. */
    record Picture(BufferedImage image, byte[] png, float widthPt, float heightPt) {}

    private ExportImages() {}

    /** The formula typeset at {@code sizePt}, or null when JLaTeXMath cannot parse or draw it. */
    static Picture formula(String latex, float sizePt) {
        if (latex == null || latex.isBlank() || latex.length() > 2000) {
            return null;
        }
        try {
            TeXFormula formula = new TeXFormula(latex);
            TeXIcon icon = formula.createTeXIcon(TeXConstants.STYLE_TEXT, sizePt * SCALE);
            icon.setForeground(Color.BLACK);
            int w = Math.max(1, icon.getIconWidth());
            int h = Math.max(1, icon.getIconHeight());
            if ((long) w * h > 25_000_000L) {
                return null;
            }
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            icon.paintIcon(null, g, 0, 0);
            g.dispose();
            return new Picture(img, png(img), (float) w / SCALE, (float) h / SCALE);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vm && !(e instanceof StackOverflowError)) {
                throw vm;
            }
            return null;
        }
    }

    /**
     * The image an embed points to: a {@code data:image/…;base64,} URL decoded here, or one of our uploaded
     * images whose bytes were fetched beforehand into {@code fetched}; scaled to fit {@code maxWidthPt}.
     */
    static Picture image(String src, Map<String, byte[]> fetched, float maxWidthPt) {
        byte[] bytes = null;
        if (src != null && src.startsWith("data:")) {
            bytes = PlanImages.decodeDataUrl(src);
        } else if (src != null) {
            bytes = fetched.get(src);
        }
        if (bytes == null) {
            return null;
        }
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                return null;
            }
            float w = img.getWidth() * 0.75f;
            float h = img.getHeight() * 0.75f;
            if (w > maxWidthPt) {
                h = h * maxWidthPt / w;
                w = maxWidthPt;
            }
            return new Picture(img, png(img), w, h);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
