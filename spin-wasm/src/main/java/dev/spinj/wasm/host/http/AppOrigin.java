package dev.spinj.wasm.host.http;

import java.net.URI;

/**
 * The app's own {@code scheme://host:port}, the target of relative outbound URLs ({@code self}).
 * Known only once a trigger has bound its listener, so the trigger announces it then; until
 * then (and in triggers without a listener) relative URLs fail.
 */
public final class AppOrigin {
    private volatile URI origin;

    /** @param origin e.g. {@code http://127.0.0.1:3000}; any path is ignored */
    public void announce(URI origin) {
        this.origin = URI.create(origin.getScheme() + "://" + origin.getRawAuthority());
    }

    /** The origin, or null when no trigger announced one. */
    public URI get() {
        return origin;
    }
}
