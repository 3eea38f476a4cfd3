package dev.spinj.cm.abi;

/** A {@code result<T, E>} value; the payload is null when the result type has none on that side. */
public sealed interface ResultValue {
    Object value();

    record Ok(Object value) implements ResultValue {}

    record Err(Object value) implements ResultValue {}

    static ResultValue ok(Object value) {
        return new Ok(value);
    }

    static ResultValue err(Object value) {
        return new Err(value);
    }
}
