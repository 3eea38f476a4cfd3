package dev.spinj.cm.runtime;

/**
 * The semver track of an interface name ({@code ns:pkg/iface@version}), used to match imports
 * to host instances the way wasmtime does: {@code 1.2.3} and {@code 1.9.0} share the track
 * {@code 1}, {@code 0.2.3} and {@code 0.2.12} the track {@code 0.2}, {@code 0.0.3} is its own
 * track, and prereleases or build metadata match only exactly. Names without a version are
 * their own track.
 */
final class InterfaceName {
    private InterfaceName() {}

    static String track(String name) {
        int at = name.lastIndexOf('@');
        if (at < 0) {
            return name;
        }
        String base = name.substring(0, at);
        String version = name.substring(at + 1);
        if (version.contains("-") || version.contains("+")) {
            return name;
        }
        String[] parts = version.split("\\.");
        if (parts.length != 3 || !numeric(parts)) {
            return name;
        }
        if (!parts[0].equals("0")) {
            return base + "@" + Integer.parseInt(parts[0]);
        }
        if (!parts[1].equals("0")) {
            return base + "@0." + Integer.parseInt(parts[1]);
        }
        return base + "@0.0." + Integer.parseInt(parts[2]);
    }

    private static boolean numeric(String[] parts) {
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }
}
