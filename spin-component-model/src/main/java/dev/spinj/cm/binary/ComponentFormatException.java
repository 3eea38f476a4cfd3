package dev.spinj.cm.binary;

/**
 * A component binary that cannot be decoded: truncated, malformed, out-of-range indices, or a
 * feature or version this engine does not support. Carries the byte offset (from the start of
 * the outermost binary) where decoding stopped.
 */
public final class ComponentFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public ComponentFormatException(int offset, String problem) {
        super(String.format("malformed component at byte 0x%x: %s", offset, problem));
        this.offset = offset;
    }

    /** Byte offset of the offending input. */
    public int offset() {
        return offset;
    }
}
