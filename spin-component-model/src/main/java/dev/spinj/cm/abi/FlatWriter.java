package dev.spinj.cm.abi;

import java.util.Arrays;

/** Collects flat core values (raw bits in longs) in order. */
final class FlatWriter {
    private long[] values;
    private int size;

    FlatWriter(int capacity) {
        values = new long[Math.max(capacity, 1)];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** Zero-extends slot {@code i} from 32 to 64 bits (variant payload joined into an i64 slot). */
    void zeroExtend(int i) {
        values[i] &= 0xffffffffL;
    }

    long[] toArray() {
        return size == values.length ? values : Arrays.copyOf(values, size);
    }
}
