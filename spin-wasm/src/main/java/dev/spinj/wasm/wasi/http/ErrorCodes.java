package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.VariantValue;
import java.util.Optional;

/** {@code wasi:http/types.error-code} values (a {@link VariantValue} per case) and their text. */
final class ErrorCodes {
    private ErrorCodes() {}

    static VariantValue of(String label) {
        return VariantValue.of(label);
    }

    static VariantValue internal(String message) {
        return new VariantValue("internal-error", Optional.of(message));
    }

    /** What wasmtime reports for a name that does not resolve (SPEC2 §3.7 step 6). */
    static VariantValue dnsError(String rcode) {
        return new VariantValue("DNS-error", RecordValue.of(Optional.of(rcode), Optional.of(0)));
    }

    /** A body longer or shorter than its {@code content-length}: {@code written} bytes so far. */
    static VariantValue bodySize(boolean request, long written) {
        return new VariantValue(request ? "HTTP-request-body-size" : "HTTP-response-body-size", Optional.of(written));
    }

    /** The 0.2.0-rc-2023-10-18 {@code error} for a code: {@code unexpected-error} naming it, as Spin's shim maps every code. */
    static VariantValue as20231018(Object code) {
        return new VariantValue("unexpected-error", describe(code));
    }

    /** The code as a guest's {@code {:?}} shows it, e.g. {@code HTTP-request-denied}, {@code internal-error(x)}. */
    static String describe(Object code) {
        VariantValue v = (VariantValue) code;
        return v.value() == null ? v.label() : v.label() + "(" + v.value() + ")";
    }
}
