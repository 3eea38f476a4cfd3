package dev.spinj.wasm.host.rdbms;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What differs between the two relational interfaces: module names, how a Spin address becomes a
 * JDBC URL, what {@code execute} returns, which parameter types the database accepts, how a
 * pooled connection is wiped between instances.
 *
 * <p>Both drivers take options from the URL that read host files or load classes (Connector/J's
 * {@code allowLocalInfile}, {@code serverRsaPublicKeyFile}, {@code socketFactory}; pgJDBC's
 * {@code sslfactory}, {@code sslkey}, {@code socketFactory}, {@code service}, ...) or that connect
 * elsewhere than the address's host ({@code localSocket}, pgJDBC's {@code PGHOST}). So a guest's
 * query parameters are not passed on: only the few named in {@link #guestParameters} are, renamed
 * to the driver's option, and any other is refused.
 */
enum RdbmsDialect {
    /** {@code postgres://user:password@host:port/db?params} to pgJDBC (SPEC 3.6). */
    POSTGRES("outbound-pg", "fermyon:spin/postgres", "postgres", "jdbc:postgresql", 5432,
            Map.of("user", "user", "password", "password", "sslmode", "sslmode", "application_name", "ApplicationName",
                    "options", "options"),
            ""),
    /**
     * {@code mysql://user:password@host:port/db} to MariaDB Connector/J: no {@code LOAD DATA LOCAL
     * INFILE}, {@code COM_RESET_CONNECTION} on reset, TINYINT(1) stays an integer as in Spin.
     */
    MYSQL("outbound-mysql", "fermyon:spin/mysql", "mysql", "jdbc:mariadb", 3306,
            Map.of("user", "user", "password", "password", "sslMode", "sslMode"),
            "allowLocalInfile=false&useResetConnection=true&tinyInt1isBit=false");

    private static final int MAX_CONNECT_SECONDS = 10;
    private static final int RESET_TIMEOUT_SECONDS = 5;

    final String legacyModule;
    final String canonicalModule;
    final String scheme;
    private final String jdbcPrefix;
    private final int defaultPort;
    /** Query parameter a guest may give, to the driver option it becomes. */
    private final Map<String, String> guestParameters;
    /** Driver options every connection gets, after the guest's. */
    private final String fixedParameters;

    RdbmsDialect(String legacyModule, String canonicalModule, String scheme, String jdbcPrefix, int defaultPort,
            Map<String, String> guestParameters, String fixedParameters) {
        this.legacyModule = legacyModule;
        this.canonicalModule = canonicalModule;
        this.scheme = scheme;
        this.jdbcPrefix = jdbcPrefix;
        this.defaultPort = defaultPort;
        this.guestParameters = guestParameters;
        this.fixedParameters = fixedParameters;
    }

    /** PostgreSQL's {@code execute} returns the affected row count (u64); MySQL's returns unit. */
    boolean executeReturnsRowCount() {
        return this == POSTGRES;
    }

    /** Spin's PostgreSQL binding refuses unsigned parameters; MySQL has unsigned columns. */
    boolean acceptsUnsigned() {
        return this == MYSQL;
    }

    /**
     * Parses a Spin address; credentials move from the authority to parameters. A
     * {@code postgresql://} address is judged by the allow-list as {@code postgres://}.
     */
    DatabaseAddress parse(String address) throws RdbmsException {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw invalid(e.getReason());
        }
        String given = uri.getScheme();
        boolean known = this == POSTGRES ? "postgres".equals(given) || "postgresql".equals(given) : "mysql".equals(given);
        if (!known || uri.getHost() == null) {
            throw invalid("expected " + scheme + "://[user[:password]@]host[:port]/database");
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        Map<String, String> options = new LinkedHashMap<>();
        if (uri.getRawUserInfo() != null) {
            String[] credentials = uri.getRawUserInfo().split(":", 2);
            options.put("user", decode(credentials[0]));
            if (credentials.length > 1) {
                options.put("password", decode(credentials[1]));
            }
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] nameValue = pair.split("=", 2);
                String name = decode(nameValue[0]);
                String option = guestParameters.get(name);
                if (option == null) {
                    throw invalid("parameter '" + name + "' is not supported (supported: "
                            + String.join(", ", new TreeSet<>(guestParameters.keySet())) + ")");
                }
                options.put(option, nameValue.length > 1 ? decode(nameValue[1]) : "");
            }
        }
        if (this == POSTGRES) {
            // Without a password pgJDBC looks one up in the host's ~/.pgpass (or $PGPASSFILE).
            options.putIfAbsent("password", "");
        }
        StringBuilder query = new StringBuilder();
        options.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        if (!fixedParameters.isEmpty()) {
            query.append(query.length() == 0 ? "" : "&").append(fixedParameters);
        }
        String jdbcUrl = jdbcPrefix + "://" + uri.getHost() + ":" + port + path
                + (query.length() == 0 ? "" : "?" + query);
        return new DatabaseAddress(scheme, uri.getHost(), port, decode(path.substring(1)), jdbcUrl);
    }

    /** How long connecting may take: what is left of the request, at most {@value #MAX_CONNECT_SECONDS} s. */
    Properties connectOptions(Duration left) {
        Duration bound = left.compareTo(Duration.ofSeconds(MAX_CONNECT_SECONDS)) < 0 ? left : Duration.ofSeconds(MAX_CONNECT_SECONDS);
        Properties options = new Properties();
        if (this == POSTGRES) {
            // Whole seconds, and 0 would mean no limit; connectTimeout covers the TCP connect only,
            // loginTimeout also a server that accepts and then says nothing.
            String seconds = String.valueOf(Math.max(1, (bound.toMillis() + 999) / 1000));
            options.setProperty("connectTimeout", seconds);
            options.setProperty("loginTimeout", seconds);
        } else {
            options.setProperty("connectTimeout", String.valueOf(Math.max(1, bound.toMillis())));
        }
        return options;
    }

    /**
     * Wipes what a guest left in its session (an open transaction, {@code SET}s, prepared
     * statements, temporary tables, the current database), so the next instance sees a fresh
     * connection, as it would in Spin, which never shares one between instances.
     */
    void reset(Connection connection, DatabaseAddress address) throws SQLException {
        if (this == POSTGRES) {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(RESET_TIMEOUT_SECONDS);
                statement.execute("ROLLBACK"); // DISCARD ALL cannot run inside a transaction
                statement.execute("DISCARD ALL");
            }
            return;
        }
        connection.unwrap(org.mariadb.jdbc.Connection.class).reset(); // COM_RESET_CONNECTION, see useResetConnection
        if (!address.database().isEmpty()) {
            connection.setCatalog(address.database()); // the reset keeps whatever USE chose
        } else if (connection.getCatalog() != null) {
            throw new SQLException("the guest chose a database with USE, and no database can be unselected");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Never echoes the address itself: it may carry a password. */
    private RdbmsException invalid(String reason) {
        return new RdbmsException(RdbmsException.CONNECTION_FAILED, "invalid " + scheme + " address: " + reason, null);
    }
}
