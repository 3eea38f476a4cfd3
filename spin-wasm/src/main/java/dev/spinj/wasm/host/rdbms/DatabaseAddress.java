package dev.spinj.wasm.host.rdbms;

import java.net.URI;

/**
 * A guest's database address once parsed and checked: where it connects ({@code scheme://host:port},
 * what the allow-list judges) and the JDBC URL built from it, which carries only the parameters
 * {@link RdbmsDialect} lets through.
 *
 * @param host a host name or IPv4 address, or an IPv6 address in brackets
 * @param database the database named by the address's path, empty when it names none
 */
record DatabaseAddress(String scheme, String host, int port, String database, String jdbcUrl) {
    /** {@code scheme://host:port}: no credentials, so it may appear in errors and logs. */
    URI endpoint() {
        return URI.create(scheme + "://" + host + ":" + port);
    }
}
