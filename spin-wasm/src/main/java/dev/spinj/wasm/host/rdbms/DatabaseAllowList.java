package dev.spinj.wasm.host.rdbms;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.RuntimeConfigException;
import dev.spinj.wasm.host.http.AllowedOutboundHosts;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Which database servers each component may reach. A Spin 2 lock lists them in
 * {@code allowed_outbound_hosts} ({@code postgres://host:port}, {@code mysql://host:port}, SPEC2
 * §3.8); Spin 1.x checks nothing for databases, so a v1 lock allows every address.
 */
final class DatabaseAllowList {
    /** By component id; null for a v1 lock. */
    private final Map<String, AllowedOutboundHosts> byComponent;

    private DatabaseAllowList(Map<String, AllowedOutboundHosts> byComponent) {
        this.byComponent = byComponent;
    }

    static DatabaseAllowList forApp(LockedApp app) {
        if (!app.metadata().containsKey("triggers")) {
            return new DatabaseAllowList(null);
        }
        Map<String, AllowedOutboundHosts> byComponent = new HashMap<>();
        for (LockedComponent component : app.components()) {
            try {
                byComponent.put(component.id(), AllowedOutboundHosts.spin2(component.metadataList("allowed_outbound_hosts")));
            } catch (IllegalArgumentException e) {
                throw new RuntimeConfigException("Component " + component.id() + ": invalid allowed hosts: " + e.getMessage(), e);
            }
        }
        return new DatabaseAllowList(byComponent);
    }

    boolean allows(String componentId, URI endpoint) {
        if (byComponent == null) {
            return true;
        }
        AllowedOutboundHosts hosts = byComponent.get(componentId);
        return hosts != null && hosts.allows(endpoint);
    }
}
