package dev.spinj.wasm.variables;

/**
 * Spin 2+'s rule for the names a component asks for ({@code spinframework/spin:crates/expressions}
 * {@code Key::validate}), with its reasons word for word, checked in its order.
 */
final class VariableNames {
    private VariableNames() {}

    /** Why {@code name} is invalid, or null when it is valid. */
    static String problem(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        for (int i = 0; i < name.length(); i = name.offsetByCodePoints(i, 1)) {
            int c = name.codePointAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return "invalid character '" + Character.toString(c)
                        + "'. Variable names may contain only lower-case letters, numbers, and underscores.";
            }
        }
        if (name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return "must start with a lowercase ASCII letter";
        }
        if (name.endsWith("_")) {
            return "must end with a lowercase ASCII letter or digit";
        }
        if (name.contains("__")) {
            return "must not contain multiple consecutive underscores";
        }
        return null;
    }
}
