package dev.spinj.loader.manifest;

import java.util.Optional;

/**
 * Spin's identifier rules, with Spin's wording: v2 ids ({@code spin_serde::id::Id}: kebab-case
 * component ids, lower snake_case variable names) and v1 config keys ({@code spin_config::Key}).
 * Each check returns the problem, or empty when the identifier is valid.
 */
final class Identifiers {
    private Identifiers() {}

    /** v2 component ids: {@code '-'}-separated words, each all-lower or all-upper case. */
    static Optional<String> kebabProblem(String id) {
        return idProblem(id, '-', '_', false);
    }

    /** v2 variable names and component variable keys. */
    static Optional<String> lowerSnakeProblem(String id) {
        return idProblem(id, '_', '-', true);
    }

    private static Optional<String> idProblem(String id, char delim, char wrong, boolean lowerOnly) {
        if (id.isEmpty()) {
            return Optional.of("empty");
        }
        if (id.indexOf(wrong) >= 0) {
            return Optional.of("words must be separated with '" + delim + "', not '" + wrong + "'");
        }
        for (String word : id.split(java.util.regex.Pattern.quote(String.valueOf(delim)), -1)) {
            if (word.isEmpty()) {
                return Optional.of("'" + delim + "'-separated words must not be empty");
            }
            char first = word.charAt(0);
            if (!isAsciiLetter(first)) {
                return Optional.of("'" + delim + "'-separated words must start with an ASCII letter; got '" + first + "'");
            }
            boolean upper = Character.isUpperCase(first);
            for (char ch : word.substring(1).toCharArray()) {
                if (isAsciiDigit(ch)) {
                    continue;
                }
                if (!isAsciiLetter(ch)) {
                    return Optional.of("'" + delim + "'-separated words may only contain alphanumeric ASCII; got '" + ch + "'");
                }
                if (Character.isUpperCase(ch) != upper) {
                    return Optional.of("'" + delim + "'-separated words must be all lowercase or all UPPERCASE; got \"" + word + "\"");
                }
            }
            if (lowerOnly && upper) {
                return Optional.of("Lower-case identifiers must be all lowercase; got \"" + id + "\"");
            }
        }
        return Optional.empty();
    }

    /** v1 variable names and {@code [component.config]} keys. */
    static Optional<String> configKeyProblem(String key) {
        if (key.isEmpty()) {
            return Optional.of("must not be empty");
        }
        for (char c : key.toCharArray()) {
            if (!(isAsciiLower(c) || isAsciiDigit(c) || c == '_')) {
                return Optional.of("invalid character '" + c + "'");
            }
        }
        if (!isAsciiLower(key.charAt(0))) {
            return Optional.of("must start with a lowercase ASCII letter");
        }
        char last = key.charAt(key.length() - 1);
        if (!(isAsciiLower(last) || isAsciiDigit(last))) {
            return Optional.of("must end with a lowercase ASCII letter or digit");
        }
        if (key.contains("__")) {
            return Optional.of("must not contain multiple consecutive underscores");
        }
        return Optional.empty();
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
