package dev.spinj.trigger.http.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A route parsed the way Spin 2.5+ parses it (routefinder 0.5.4, SPEC2 6.2): {@code /} and
 * {@code .} separators, exact text, {@code :name} parameters and one trailing {@code *} wildcard.
 * Gives the captures of a matching path and the specificity order used to pick among several
 * matching routes: segment by segment, exact beats {@code :param} beats wildcard; then more dots;
 * then fewer segments.
 */
record RouteSegments(List<Segment> segments) {

    enum Kind {
        // declared from least to most specific: the ordinal is the rank
        SLASH, DOT, WILDCARD, PARAM, EXACT;

        boolean isSeparator() {
            return this == SLASH || this == DOT;
        }
    }

    record Segment(Kind kind, String text) {}

    /** What a path matched: parameter values by name, in route order, and the wildcard's capture (or null). */
    record Captures(List<String> names, List<String> values, String wildcard) {}

    RouteSegments {
        segments = List.copyOf(segments);
    }

    /**
     * Parses a route with {@code /*} for a trailing wildcard. Leading and trailing slashes are
     * ignored. Problems are worded as routefinder words them.
     */
    static RouteSegments parse(String route) {
        String trimmed = trim(route);
        List<Segment> segments = new ArrayList<>();
        int start = 0;
        char before = 0;
        while (start <= trimmed.length()) {
            int end = start;
            while (end < trimmed.length() && trimmed.charAt(end) != '/' && trimmed.charAt(end) != '.') {
                end++;
            }
            String text = trimmed.substring(start, end);
            Segment segment = segment(text);
            if (before == '.') {
                // a dot right after exact text stays part of that text
                int last = segments.size() - 1;
                if (last >= 0 && segments.get(last).kind() == Kind.EXACT) {
                    segments.set(last, new Segment(Kind.EXACT, segments.get(last).text() + "."));
                } else {
                    segments.add(new Segment(Kind.DOT, "."));
                }
            }
            if (segment != null) {
                if (before == '/') {
                    segments.add(new Segment(Kind.SLASH, "/"));
                }
                segments.add(segment);
            }
            if (end == trimmed.length()) {
                break;
            }
            before = trimmed.charAt(end);
            start = end + 1;
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).kind() == Kind.WILDCARD) {
                throw new IllegalArgumentException("the wildcard must be the last segment");
            }
        }
        return new RouteSegments(segments);
    }

    private static Segment segment(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.charAt(0) == '*') {
            if (text.length() > 1) {
                throw new IllegalArgumentException("since there can only be one wildcard, it doesn't need a name."
                        + " replace `" + text + "` with `*`");
            }
            return new Segment(Kind.WILDCARD, "*");
        }
        if (text.charAt(0) == ':') {
            if (text.length() == 1) {
                throw new IllegalArgumentException("params must be named");
            }
            return new Segment(Kind.PARAM, text.substring(1));
        }
        return new Segment(Kind.EXACT, text);
    }

    /** The captures when {@code path} (raw, no query) matches, else empty. */
    Optional<Captures> match(String path) {
        String rest = trim(path);
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String wildcard = null;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Kind next = i + 1 < segments.size() ? segments.get(i + 1).kind() : null;
            switch (segment.kind()) {
                case EXACT -> {
                    if (!rest.startsWith(segment.text())) {
                        return Optional.empty();
                    }
                    rest = rest.substring(segment.text().length());
                }
                case PARAM -> {
                    if (rest.isEmpty()) {
                        return Optional.empty();
                    }
                    int end = next == Kind.DOT ? indexOfAny(rest, "./") : rest.indexOf('/');
                    if (next == Kind.DOT && (end < 0 || rest.charAt(end) != '.')) {
                        return Optional.empty();
                    }
                    String value = end < 0 ? rest : rest.substring(0, end);
                    names.add(segment.text());
                    values.add(value);
                    rest = rest.substring(value.length());
                }
                case WILDCARD -> {
                    wildcard = rest;
                    rest = "";
                }
                case SLASH -> {
                    if (rest.startsWith("/") && next != null) {
                        rest = rest.substring(1);
                    } else if (!(rest.isEmpty() && (next == null || next == Kind.WILDCARD))) {
                        return Optional.empty();
                    }
                }
                case DOT -> {
                    if (!rest.startsWith(".")) {
                        return Optional.empty();
                    }
                    rest = rest.substring(1);
                }
            }
        }
        return rest.isEmpty() || rest.equals("/") ? Optional.of(new Captures(names, values, wildcard)) : Optional.empty();
    }

    /** Positive when this route is more specific than {@code other} (ties: zero). */
    int compareSpecificity(RouteSegments other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            int byKind = rank(segments.get(i).kind()) - rank(other.segments.get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        int byDots = Long.compare(dots(), other.dots());
        return byDots != 0 ? byDots : Integer.compare(other.segments.size(), segments.size());
    }

    private static int rank(Kind kind) {
        // the two separators tie with each other
        return kind.isSeparator() ? 0 : kind.ordinal();
    }

    private long dots() {
        return segments.stream().filter(s -> s.kind() == Kind.DOT).count();
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }
}
