package dev.spinj.cm.abi;

/** Reads flat core values (raw bits in longs, as Chicory passes them) in order. */
final class FlatReader {
    private final long[] values;
    private int pos;

    FlatReader(long[] values, int start) {
        this.values = values;
        this.pos = start;
    }

    long next() {
        return values[pos++];
    }

    void skip(int n) {
        pos += n;
    }
}
