package cn.tongbei.platform.db;

import java.net.URI;

/**
 * Where PostgreSQL is: a {@code postgresql://host:port/database} URI plus credentials. Accepts the JDBC form
 * too and offers both, since Flyway speaks JDBC and the reactive client speaks URIs.
 */
public record DbEndpoint(String uri, String user, String password) {

    public static DbEndpoint of(String url, String user, String password) {
        String uri = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        if (uri.startsWith("postgres://")) {
            uri = "postgresql://" + uri.substring("postgres://".length());
        }
        if (!uri.startsWith("postgresql://")) {
            throw new IllegalArgumentException("db.url must look like postgresql://host:5432/database, got " + url);
        }
        URI.create(uri);
        return new DbEndpoint(uri, user, password);
    }

    public String jdbcUrl() {
        return "jdbc:" + uri;
    }

    /** The URI without credentials, for logs. */
    public String describe() {
        return uri.replaceAll("//[^@/]*@", "//");
    }
}
