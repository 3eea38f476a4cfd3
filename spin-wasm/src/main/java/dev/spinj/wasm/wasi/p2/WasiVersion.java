package dev.spinj.wasm.wasi.p2;

/**
 * The versions of the WASI 0.2 interfaces a Spin guest may import (SPEC2 §1.6): 0.2.0, whose
 * host serves every 0.2.x by semver-track matching, and the two release candidates Spin
 * 2.0–2.1 guests were built against. Prereleases never alias, so each is registered under its
 * exact name. Where a candidate's WIT differs from 0.2.0, the interface that registers it says
 * how.
 */
public enum WasiVersion {
    V0_2_0("0.2.0"),
    /** Same WIT as 0.2.0 for io, clocks, random, cli and filesystem. */
    RC_2023_11_10("0.2.0-rc-2023-11-10"),
    /**
     * Older shapes: {@code error} lives in {@code wasi:io/streams}, pollables have no methods
     * ({@code poll-list}, {@code poll-one}), {@code splice} takes its source by own handle and
     * there is {@code forward}, and {@code monotonic-clock} has one {@code subscribe(when, absolute)}.
     */
    RC_2023_10_18("0.2.0-rc-2023-10-18");

    private final String version;

    WasiVersion(String version) {
        this.version = version;
    }

    /** The interface {@code ns:pkg/iface} at this version, e.g. {@code wasi:io/streams@0.2.0}. */
    public String of(String iface) {
        return iface + "@" + version;
    }

    public String version() {
        return version;
    }
}
