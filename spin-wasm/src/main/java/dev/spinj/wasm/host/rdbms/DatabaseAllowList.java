package dev.spinj.wasm.host.rdbms;

import dev.spinj.wasm.host.http.AllowedOutboundHosts;
import dev.spinj.wasm.host.http.AppAllowLists;
import java.net.URI;

/**
 * Which database servers each component may reach. A Spin 2 lock lists them in
 * {@code allowed_outbound_hosts} ({@code postgres://host:port}, {@code mysql://host:port}, SPEC2
 * §3.8); Spin 1.x checks nothing for databases, so a v1 lock allows every address.
 */
final class DatabaseAllowList {
    private final AppAllowLists lists;

    DatabaseAllowList(AppAllowLists lists) {
        this.lists = lists;
    }

    boolean allows(String componentId, URI endpoint) {
        if (!lists.spin2()) {
            return true;
        }
        AllowedOutboundHosts hosts = lists.of(componentId);
        return hosts != null && hosts.allows(endpoint);
    }
}
