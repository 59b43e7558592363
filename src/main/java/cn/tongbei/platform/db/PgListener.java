package cn.tongbei.platform.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel on a connection of its own (never a pooled one), reconnecting after a second
 * when the connection drops and after five seconds when connecting fails. Notifications sent while it is not
 * listening are lost: {@link Events#listening()} marks the moment from which every later one is delivered.
 */
public final class PgListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);

    /** What the owner hears, all on the connection's event loop. */
    public interface Events {
        /** LISTEN is in place: every notification committed from now on arrives. */
        void listening();

        /** A notification's payload (empty when sent without one). */
        void notified(String payload);

        /** The connection is gone: notifications may be missed until {@link #listening()} again. */
        void lost();

        /** Events handled by three functions. */
        static Events of(Runnable listening, java.util.function.Consumer<String> notified, Runnable lost) {
            return new Events() {
                @Override
                public void listening() {
                    listening.run();
                }

                @Override
                public void notified(String payload) {
                    notified.accept(payload);
                }

                @Override
                public void lost() {
                    lost.run();
                }
            };
        }
    }

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String channel;
    private final Events events;
    private PgConnection connection;
    private volatile boolean closed;

    public PgListener(Vertx vertx, PgConnectOptions options, String channel, Events events) {
        if (!channel.matches("[a-z_]{1,63}")) {
            throw new IllegalArgumentException("channel: lower-case letters and _ only");
        }
        this.vertx = vertx;
        this.options = options;
        this.channel = channel;
        this.events = events;
    }

    /** Connection options for a listener from the pool's endpoint. */
    public static PgConnectOptions options(DbEndpoint db) {
        return PgConnectOptions.fromUri(db.uri()).setUser(db.user()).setPassword(db.password());
    }

    public void start() {
        if (closed) {
            return;
        }
        PgConnection.connect(vertx, options).onSuccess(c -> {
            if (closed) {
                c.close();
                return;
            }
            connection = c;
            c.notificationHandler(n -> {
                if (channel.equals(n.getChannel())) {
                    events.notified(n.getPayload() == null ? "" : n.getPayload());
                }
            });
            c.closeHandler(v -> {
                connection = null;
                events.lost();
                if (!closed) {
                    vertx.setTimer(1000, t -> start());
                }
            });
            c.query("LISTEN " + channel).execute().onSuccess(x -> events.listening()).onFailure(e -> {
                LOG.warn("LISTEN {} failed ({}); reconnecting", channel, e.toString());
                c.close();
            });
        }).onFailure(e -> {
            LOG.warn("cannot connect to LISTEN {} ({}); retrying in 5 s", channel, e.toString());
            if (!closed) {
                vertx.setTimer(5000, t -> start());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        PgConnection c = connection;
        if (c != null) {
            c.close();
        }
    }
}
