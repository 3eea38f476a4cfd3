package dev.spinj.loader.manifest;

import java.util.Optional;

/**
 * Key-value store and SQLite database labels ({@code fermyon/spin@v1.5.1:crates/loader/src/validation.rs}):
 * words separated by single underscores, each ASCII alphanumeric, starting with a letter, and
 * all-lowercase or all-uppercase. Spin checks "uppercase" per character, so digits are only
 * accepted in lowercase words; that quirk is kept.
 */
final class Labels {
    private Labels() {}

    static Optional<String> problem(String label) {
        if (label.isEmpty()) {
            return Optional.of("label may not be empty");
        }
        for (String word : label.split("_", -1)) {
            for (char c : word.toCharArray()) {
                if (!Identifiers.isAsciiLetter(c) && !Identifiers.isAsciiDigit(c)) {
                    return Optional.of("labels may contain only ascii alphanumeric words separated by underscores");
                }
            }
            if (word.isEmpty()) {
                return Optional.of("label words may not be empty");
            }
            if (!Identifiers.isAsciiLetter(word.charAt(0))) {
                return Optional.of("label words must start with an ascii letter");
            }
            boolean upper = Character.isUpperCase(word.charAt(0));
            for (char c : word.toCharArray()) {
                if ((c >= 'A' && c <= 'Z') != upper) {
                    return Optional.of("label words must be all lowercase or all uppercase");
                }
            }
        }
        return Optional.empty();
    }
}
