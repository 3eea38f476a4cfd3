package dev.spinj.wasm.host;

/** Spin's config key rule: non-empty, {@code a-z0-9_}, starts with a letter, no {@code __}, no trailing {@code _}. */
final class ConfigKeys {
    private ConfigKeys() {}

    /** Why {@code key} is invalid, or null when it is valid. */
    static String problem(String key) {
        if (key.isEmpty()) {
            return "must not be empty";
        }
        if (!key.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return "may contain only lowercase letters, digits, and '_'";
        }
        if (key.charAt(0) < 'a' || key.charAt(0) > 'z') {
            return "must start with a lowercase letter";
        }
        if (key.endsWith("_")) {
            return "must end with a lowercase letter or digit";
        }
        if (key.contains("__")) {
            return "must not contain multiple consecutive underscores";
        }
        return null;
    }
}
