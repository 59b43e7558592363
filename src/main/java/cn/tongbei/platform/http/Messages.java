package cn.tongbei.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Localized message texts ({@code i18n/messages_zh.properties}, {@code _en}); Chinese unless asked for English. */
public final class Messages {
    private static final ResourceBundle ZH = ResourceBundle.getBundle("i18n.messages", Locale.SIMPLIFIED_CHINESE);
    private static final ResourceBundle EN = ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH);

    private Messages() {}

    /** The request's language: English when Accept-Language starts with "en", Chinese otherwise. */
    public static Locale localeOf(RoutingContext ctx) {
        String header = ctx.request().getHeader("Accept-Language");
        return header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("en")
                ? Locale.ENGLISH
                : Locale.SIMPLIFIED_CHINESE;
    }

    public static String text(Locale locale, String code, List<Object> args) {
        ResourceBundle bundle = Locale.ENGLISH.equals(locale) ? EN : ZH;
        String pattern;
        try {
            pattern = bundle.getString(code);
        } catch (MissingResourceException e) {
            pattern = code;
        }
        Object[] localized = args.stream().map(a -> localizeArg(bundle, a)).toArray();
        return new MessageFormat(pattern, locale).format(localized);
    }

    /** Enum-like arguments (e.g. a group mode) are shown by their label when the bundle has one. */
    private static Object localizeArg(ResourceBundle bundle, Object arg) {
        if (arg instanceof Enum<?> e) {
            String key = "label." + e.name();
            return bundle.containsKey(key) ? bundle.getString(key) : e.name();
        }
        return arg instanceof Number ? arg.toString() : arg;
    }
}
