package dev.spinj.cm.binary;

/**
 * Canonical ABI options of a lift or lower. Absent indices are {@link #NONE}.
 *
 * @param encoding string encoding (default utf8)
 * @param memory core memory index
 * @param realloc core func index of {@code (i32,i32,i32,i32)->i32}
 * @param postReturn core func index run after a lifted call
 */
public record CanonOptions(StringEncoding encoding, int memory, int realloc, int postReturn) {
    public static final int NONE = -1;

    /** The three string encodings of the canonical ABI. */
    public enum StringEncoding { UTF8, UTF16, LATIN1_UTF16 }

    public static CanonOptions defaults() {
        return new CanonOptions(StringEncoding.UTF8, NONE, NONE, NONE);
    }
}
