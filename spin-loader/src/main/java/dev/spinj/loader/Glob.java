package dev.spinj.loader;

import java.util.regex.Pattern;

/**
 * A glob as Rust's {@code glob} crate reads it, matched against '/'-separated paths relative to
 * the app directory: {@code **} spans directories (including none), {@code ?}, {@code [abc]},
 * {@code [!abc]}. Spin expands {@code files} component by component, so there {@code *} stays
 * within one directory; {@code exclude_files} is matched on the whole path with the crate's
 * default options, where {@code *} also crosses '/'.
 */
final class Glob {
    private final Pattern regex;

    private Glob(Pattern regex) {
        this.regex = regex;
    }

    static Glob forFiles(String glob) {
        return new Glob(compile(glob, "[^/]"));
    }

    static Glob forExcludes(String glob) {
        return new Glob(compile(glob, "."));
    }

    boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    static boolean looksLikeGlob(String text) {
        return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
    }

    private static Pattern compile(String glob, String anyChar) {
        String text = glob.startsWith("./") ? glob.substring(2) : glob;
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 3;
            } else if (text.startsWith("**", i)) {
                re.append(".*");
                i += 2;
            } else if (c == '*') {
                re.append(anyChar).append('*');
                i++;
            } else if (c == '?') {
                re.append(anyChar);
                i++;
            } else if (c == '[' && text.indexOf(']', i + 2) > 0) {
                int end = text.indexOf(']', i + 2);
                String body = text.substring(i + 1, end);
                String negated = body.startsWith("!") ? "^" + body.substring(1) : body;
                re.append('[').append(negated.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end + 1;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile(re.toString());
    }
}
