package dev.spinj.cm.binary;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * An embedded core module, kept as a window onto the component binary: Chicory parses it (once)
 * at link time.
 *
 * @param source the whole component binary
 * @param offset where the module's own preamble starts in {@code source}
 * @param length the module's size in bytes
 */
public record CoreModule(byte[] source, int offset, int length) implements Definition {
    /** The module's bytes without copying them. */
    public InputStream stream() {
        return new ByteArrayInputStream(source, offset, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoreModule m && m.source == source && m.offset == offset && m.length == length;
    }

    @Override
    public int hashCode() {
        return offset * 31 + length;
    }

    @Override
    public String toString() {
        return "core module at byte 0x" + Integer.toHexString(offset) + " (" + length + " bytes)";
    }
}
