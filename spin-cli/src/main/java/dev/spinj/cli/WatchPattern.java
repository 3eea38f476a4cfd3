package dev.spinj.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * One glob that {@code spin watch} follows, relative to {@code base}, and the component whose build
 * it belongs to ({@code null} for files that only restart the app, like {@code spin.toml}).
 */
record WatchPattern(String componentId, Path base, String glob) {

    /** The directory to scan: the glob's literal leading directories, so a scan stays narrow. */
    Path scanRoot() {
        Path root = base;
        String[] parts = glob.split("/");
        for (int i = 0; i < parts.length - 1 && !isWild(parts[i]); i++) {
            root = root.resolve(parts[i]);
        }
        return root.normalize();
    }

    boolean matches(Path file) {
        if (!file.startsWith(base)) {
            return false;
        }
        Path relative = base.relativize(file);
        for (PathMatcher matcher : matchers()) {
            if (matcher.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    /** Like Spin's glob crate, {@code **}{@code /} also matches no directory at all, which Java's globs do not. */
    private List<PathMatcher> matchers() {
        String pattern = glob.startsWith("./") ? glob.substring(2) : glob;
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        if (pattern.contains("**/")) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("**/", "")));
        }
        return matchers;
    }

    private static boolean isWild(String part) {
        return part.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
