package dev.spinj.wasm.host;

import java.util.List;

/**
 * One Spin host interface: its import module under the legacy flavour (null when the interface
 * only exists for wit-bindgen 0.8 guests, like {@code llm}) and the canonical flavour, and its
 * functions. The meaning is implemented once and linked under both names.
 */
public interface HostInterface {
    String legacyModule();

    String canonicalModule();

    List<HostImport> imports();
}
