package dev.spinj.wasm.http;

import java.util.Optional;

/** The {@code method} enum of the Spin HTTP interface; the ordinal is the wire discriminant. */
public enum GuestMethod {
    GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS;

    /** The enum case for an HTTP method name; empty for methods Spin guests cannot receive (405). */
    public static Optional<GuestMethod> of(String name) {
        for (GuestMethod m : values()) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
