package dev.spinj.cm.binary;

/**
 * An import or export name with its attributes ({@code nameattributes}): the plain 0x00 form,
 * the historical 0x01 form (identical), and the 0x02 form whose attributes may carry an
 * {@code implements} interface name, a semver {@code versionsuffix} and an {@code external-id}.
 * Absent attributes are null.
 */
public record ExternName(String name, String implementsName, String versionSuffix, String externalId) {
    public static ExternName plain(String name) {
        return new ExternName(name, null, null, null);
    }

    @Override
    public String toString() {
        return versionSuffix == null ? name : name + " (version suffix " + versionSuffix + ")";
    }
}
