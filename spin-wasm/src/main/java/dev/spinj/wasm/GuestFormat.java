package dev.spinj.wasm;

import dev.spinj.cm.binary.ComponentTypeSection;

/**
 * What kind of guest a {@code .wasm} file is, decided as Spin's {@code componentize_if_necessary}
 * decides it (SPEC2 §1.2): a component passes through; a core module carrying {@code
 * component-type} sections was built by a Spin 2+ SDK (wit-bindgen) and is linked as the
 * component {@code componentNew} would make of it; any other core module is a Spin 1.x guest.
 */
enum GuestFormat {
    SPIN1_MODULE,
    BINDGEN_MODULE,
    COMPONENT;

    /**
     * @throws dev.spinj.cm.binary.ComponentFormatException when a core module's component-type
     *     section is malformed (naming its byte offset)
     */
    static GuestFormat of(byte[] wasm) {
        if (preamble(wasm, 0x0d, 0x01)) {
            return COMPONENT;
        }
        if (!preamble(wasm, 0x01, 0x00)) {
            return SPIN1_MODULE; // not wasm at all: the core parser reports it with its context
        }
        return ComponentTypeSection.read(wasm).isEmpty() ? SPIN1_MODULE : BINDGEN_MODULE;
    }

    private static boolean preamble(byte[] wasm, int version, int layer) {
        return wasm.length >= 8 && wasm[0] == 0 && wasm[1] == 'a' && wasm[2] == 's' && wasm[3] == 'm'
                && wasm[4] == version && wasm[5] == 0 && wasm[6] == layer && wasm[7] == 0;
    }
}
