package dev.spinj.wasm.host.rdbms;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What differs between the two relational interfaces: module names, how a Spin address becomes a
 * JDBC URL, what {@code execute} returns, which parameter types the database accepts.
 */
enum RdbmsDialect {
    /** {@code postgres://user:password@host:port/db?params} to pgJDBC (SPEC 3.6). */
    POSTGRES("outbound-pg", "fermyon:spin/postgres", "postgres", "jdbc:postgresql", 5432, ""),
    /** {@code mysql://user:password@host:port/db} to MariaDB Connector/J; TINYINT(1) stays an integer, as in Spin. */
    MYSQL("outbound-mysql", "fermyon:spin/mysql", "mysql", "jdbc:mariadb", 3306, "tinyInt1isBit=false");

    final String legacyModule;
    final String canonicalModule;
    final String scheme;
    private final String jdbcPrefix;
    private final int defaultPort;
    private final String extraParameters;

    RdbmsDialect(String legacyModule, String canonicalModule, String scheme, String jdbcPrefix, int defaultPort,
            String extraParameters) {
        this.legacyModule = legacyModule;
        this.canonicalModule = canonicalModule;
        this.scheme = scheme;
        this.jdbcPrefix = jdbcPrefix;
        this.defaultPort = defaultPort;
        this.extraParameters = extraParameters;
    }

    /** PostgreSQL's {@code execute} returns the affected row count (u64); MySQL's returns unit. */
    boolean executeReturnsRowCount() {
        return this == POSTGRES;
    }

    /** Spin's PostgreSQL binding refuses unsigned parameters; MySQL has unsigned columns. */
    boolean acceptsUnsigned() {
        return this == MYSQL;
    }

    /** The JDBC URL for a Spin address; credentials move from the authority to parameters. */
    String jdbcUrl(String address) throws RdbmsException {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw invalid(e.getReason());
        }
        String scheme = uri.getScheme();
        boolean known = this == POSTGRES ? "postgres".equals(scheme) || "postgresql".equals(scheme) : "mysql".equals(scheme);
        if (!known || uri.getHost() == null) {
            throw invalid("expected " + this.scheme + "://[user[:password]@]host[:port]/database");
        }
        StringBuilder url = new StringBuilder(jdbcPrefix).append("://").append(uri.getHost().contains(":")
                ? "[" + uri.getHost() + "]" : uri.getHost())
                .append(':').append(uri.getPort() < 0 ? defaultPort : uri.getPort())
                .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        StringBuilder query = new StringBuilder();
        if (uri.getRawUserInfo() != null) {
            String[] credentials = uri.getRawUserInfo().split(":", 2);
            appendParameter(query, "user", decode(credentials[0]));
            if (credentials.length > 1) {
                appendParameter(query, "password", decode(credentials[1]));
            }
        }
        if (uri.getRawQuery() != null) {
            query.append(query.length() == 0 ? "" : "&").append(uri.getRawQuery());
        }
        if (!extraParameters.isEmpty()) {
            query.append(query.length() == 0 ? "" : "&").append(extraParameters);
        }
        return query.length() == 0 ? url.toString() : url.append('?').append(query).toString();
    }

    private static void appendParameter(StringBuilder query, String name, String value) {
        query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Never echoes the address itself: it may carry a password. */
    private RdbmsException invalid(String reason) {
        return new RdbmsException(RdbmsException.CONNECTION_FAILED, "invalid " + scheme + " address: " + reason, null);
    }
}
