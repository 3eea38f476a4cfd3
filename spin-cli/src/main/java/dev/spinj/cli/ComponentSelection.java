package dev.spinj.cli;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.loader.lock.LockedTrigger;
import java.util.List;
import java.util.Set;

/**
 * {@code spin up -c <id>} (Spin 3.0+): run only some components, and only the triggers that point
 * at them (a {@code static_response} trigger points at none and stays). A selected component may
 * not chain to one left out, since nothing would serve the request.
 */
final class ComponentSelection {
    private static final String INTERNAL_SUFFIX = ".spin.internal";

    private ComponentSelection() {}

    static LockedApp retain(LockedApp app, List<String> ids) throws CliException {
        if (ids.isEmpty()) {
            return app;
        }
        Set<String> selected = Set.copyOf(ids);
        for (String id : ids) {
            if (app.component(id).isEmpty()) {
                throw new CliException("Specified component \"" + id + "\" not found in application");
            }
        }
        List<LockedComponent> components = app.components().stream().filter(c -> selected.contains(c.id())).toList();
        for (LockedComponent component : components) {
            checkChaining(component, selected);
        }
        List<LockedTrigger> triggers = app.triggers().stream().filter(t -> {
            var component = t.triggerConfig().get("component");
            return component == null || selected.contains(component.asText());
        }).toList();
        return new LockedApp(app.spinLockVersion(), app.mustUnderstand(), app.metadata(), app.hostRequirements(),
                app.variables(), triggers, components);
    }

    private static void checkChaining(LockedComponent component, Set<String> selected) throws CliException {
        for (String allowed : component.metadataList("allowed_outbound_hosts")) {
            int scheme = allowed.indexOf("://");
            String authority = scheme < 0 ? allowed : allowed.substring(scheme + 3);
            int colon = authority.indexOf(':');
            String host = colon < 0 ? authority : authority.substring(0, colon);
            if (!host.endsWith(INTERNAL_SUFFIX)) {
                continue;
            }
            String target = host.substring(0, host.length() - INTERNAL_SUFFIX.length());
            if (target.equals("*")) {
                throw new CliException("Selected component '" + component.id() + "' cannot use wildcard service chaining:"
                        + " allowed_outbound_hosts = [\"" + allowed + "\"]");
            }
            if (!selected.contains(target)) {
                throw new CliException("Selected component '" + component.id() + "' cannot use service chaining to"
                        + " unselected component: allowed_outbound_hosts = [\"" + allowed + "\"]");
            }
        }
    }
}
