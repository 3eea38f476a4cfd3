package dev.spinj.cm.binary;

/** An index into one of a scope's index spaces. */
public record SortIndex(Sort sort, int index) {
    @Override
    public String toString() {
        return sort + " " + index;
    }
}
