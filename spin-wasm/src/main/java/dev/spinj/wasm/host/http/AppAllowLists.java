package dev.spinj.wasm.host.http;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.RuntimeConfigException;
import dev.spinj.wasm.variables.VariableException;
import dev.spinj.wasm.variables.Variables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every component's outbound allow-list, read once per app and shared by every protocol that
 * checks it (HTTP, PostgreSQL, MySQL): {@code allowed_outbound_hosts} in a Spin 2 lock, its
 * {@code {{ variable }}} templates resolved at startup as Spin 3+ does and {@code *.spin.internal}
 * expanded to the app's components; {@code allowed_http_hosts} in a Spin 1 lock.
 */
public final class AppAllowLists {
    private final boolean spin2;
    private final Map<String, AllowedOutboundHosts> byComponent;

    private AppAllowLists(boolean spin2, Map<String, AllowedOutboundHosts> byComponent) {
        this.spin2 = spin2;
        this.byComponent = byComponent;
    }

    /** @throws RuntimeConfigException naming the component when an entry is invalid or a template cannot be resolved */
    public static AppAllowLists forApp(LockedApp app, Variables variables) {
        boolean spin2 = app.metadata().containsKey("triggers");
        Map<String, AllowedOutboundHosts> byComponent = new HashMap<>();
        List<String> componentIds = app.components().stream().map(LockedComponent::id).toList();
        for (LockedComponent component : app.components()) {
            try {
                byComponent.put(component.id(), spin2
                        ? AllowedOutboundHosts.spin2(chainingExpanded(resolved(component.metadataList("allowed_outbound_hosts"),
                                variables), componentIds))
                        : AllowedOutboundHosts.spin1(component.metadataList("allowed_http_hosts")));
            } catch (IllegalArgumentException | VariableException e) {
                throw new RuntimeConfigException("Component " + component.id() + ": invalid allowed hosts: " + e.getMessage(), e);
            }
        }
        return new AppAllowLists(spin2, byComponent);
    }

    /** Whether the lists are Spin 2's {@code allowed_outbound_hosts} (Spin 1 checks HTTP hosts only). */
    public boolean spin2() {
        return spin2;
    }

    /** The component's list, or null for a component the app does not have. */
    public AllowedOutboundHosts of(String componentId) {
        return byComponent.get(componentId);
    }

    private static List<String> resolved(List<String> entries, Variables variables) throws VariableException {
        List<String> hosts = new ArrayList<>();
        for (String entry : entries) {
            hosts.add(entry.contains("{{") ? variables.resolveTemplate(entry) : entry);
        }
        return hosts;
    }

    /**
     * Spin expands {@code <scheme>://*.spin.internal[:port]} into one entry per component of the
     * app, so a wildcard never lets a guest chain to a component that does not exist.
     */
    private static List<String> chainingExpanded(List<String> entries, List<String> componentIds) {
        List<String> hosts = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            int scheme = trimmed.indexOf("://");
            String wildcard = "*" + InProcessRequests.CHAINING_SUFFIX;
            if (scheme >= 0 && trimmed.regionMatches(true, scheme + 3, wildcard, 0, wildcard.length())) {
                String rest = trimmed.substring(scheme + 3 + wildcard.length());
                if (rest.isEmpty() || rest.startsWith(":") || rest.equals("/")) {
                    componentIds.forEach(id -> hosts.add(trimmed.substring(0, scheme + 3) + id + InProcessRequests.CHAINING_SUFFIX + rest));
                    continue;
                }
            }
            hosts.add(entry);
        }
        return hosts;
    }
}
