package dev.spinj.cm.runtime;

import dev.spinj.cm.types.FuncType;

/**
 * A component-level function taking and returning Java values (see the mapping in {@link
 * dev.spinj.cm.abi}). Host functions implement it; a component's lifted exports are handed out
 * as it.
 */
public interface ComponentFunction {
    FuncType type();

    /** Calls the function; returns null when its type has no result. */
    Object call(Object... args);

    /** A host function of {@code type} implemented by {@code body}. */
    static ComponentFunction of(FuncType type, Body body) {
        return new ComponentFunction() {
            @Override
            public FuncType type() {
                return type;
            }

            @Override
            public Object call(Object... args) {
                return body.call(args);
            }
        };
    }

    /** The Java body of a host function. */
    @FunctionalInterface
    interface Body {
        Object call(Object[] args);
    }
}
