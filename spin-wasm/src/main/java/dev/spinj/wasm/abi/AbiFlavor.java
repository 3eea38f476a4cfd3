package dev.spinj.wasm.abi;

import java.util.Set;

/**
 * The two binding generators behind Spin 1.x guests (SPEC §0). Layouts are identical; names and
 * who frees an export's results differ.
 */
public enum AbiFlavor {
    /** wit-bindgen 0.2 (TinyGo SDK, Rust SDK ≤ 1.3, old JS SDK): the host frees results. */
    LEGACY("canonical_abi_realloc", "handle-http-request", "handle-redis-message"),
    /** wit-bindgen 0.8 (Rust SDK 1.4–1.5): the guest frees results in {@code cabi_post_<export>}. */
    CANONICAL("cabi_realloc", "fermyon:spin/inbound-http#handle-request",
            "fermyon:spin/inbound-redis#handle-message");

    private final String realloc;
    private final String httpExport;
    private final String redisExport;

    AbiFlavor(String realloc, String httpExport, String redisExport) {
        this.realloc = realloc;
        this.httpExport = httpExport;
        this.redisExport = redisExport;
    }

    public String realloc() {
        return realloc;
    }

    public String httpExport() {
        return httpExport;
    }

    public String redisExport() {
        return redisExport;
    }

    /** The export that frees results after {@code export} returned; only the canonical flavour has one. */
    public String postReturn(String export) {
        return this == CANONICAL ? "cabi_post_" + export : null;
    }

    /**
     * The flavour whose handler export a module has for a trigger, chosen by export names (SPEC §0).
     * Canonical wins when a module has both, as Rust SDK 1.4+ modules are built with wit-bindgen 0.8.
     */
    public static AbiFlavor forHandler(Set<String> exports, boolean redis) {
        for (AbiFlavor flavor : new AbiFlavor[] {CANONICAL, LEGACY}) {
            String handler = redis ? flavor.redisExport : flavor.httpExport;
            if (exports.contains(handler)) {
                return flavor;
            }
        }
        return null;
    }

    /** The flavour whose allocator a module exports, for host imports called by any guest. */
    public static AbiFlavor forAllocator(Set<String> exports) {
        if (exports.contains(CANONICAL.realloc)) {
            return CANONICAL;
        }
        return exports.contains(LEGACY.realloc) ? LEGACY : null;
    }
}
