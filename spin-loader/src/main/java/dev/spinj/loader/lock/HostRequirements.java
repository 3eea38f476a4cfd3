package dev.spinj.loader.lock;

import dev.spinj.loader.AppLoader;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spin 2+'s {@code must_understand} / {@code host_requirements}: a lock names the host features
 * the app cannot run without (e.g. {@code local_service_chaining}), and a host that lacks one
 * refuses the app up front instead of failing on its first request.
 */
public final class HostRequirements {
    /** The {@code must_understand} entries this reader understands. */
    private static final Set<String> UNDERSTOOD = Set.of("host_requirements", "component_host_requirements");

    /** The features this host provides: {@code local_service_chaining} ({@code http://<component>.spin.internal}). */
    public static final Set<String> SUPPORTED = Set.of(AppLoader.SERVICE_CHAINING);

    private HostRequirements() {}

    /** Refuses an app that needs something this host does not understand or provide. */
    public static void check(LockedApp app, Set<String> supported) throws IOException {
        for (String feature : app.mustUnderstand()) {
            if (!UNDERSTOOD.contains(feature)) {
                throw new IOException("This version of Spin can't run this application: it doesn't understand the"
                        + " lock file's must_understand feature \"" + feature + "\"");
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        collect(app.hostRequirements(), supported, missing);
        app.components().forEach(c -> collect(c.hostRequirements(), supported, missing));
        if (!missing.isEmpty()) {
            throw new IOException("This version of Spin does not support the following features required by this"
                    + " application: " + String.join(", ", List.copyOf(missing)));
        }
    }

    // "optional" requirements are the app's own business; only "required" ones bind the host.
    private static void collect(Map<String, Object> requirements, Set<String> supported, Set<String> missing) {
        requirements.forEach((feature, level) -> {
            if ("required".equals(level) && !supported.contains(feature)) {
                missing.add(feature);
            }
        });
    }
}
