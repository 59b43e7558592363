package cn.tongbei.platform.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Switches logging to one JSON object per line ({@code log.format=json}) for log collectors. */
public final class Logging {
    private Logging() {}

    public static void useFormat(String format) {
        if (!"json".equals(format) || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL config = Logging.class.getClassLoader().getResource("logback-json.xml");
        try {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot switch to JSON logs: " + e.getMessage(), e);
        }
    }
}
