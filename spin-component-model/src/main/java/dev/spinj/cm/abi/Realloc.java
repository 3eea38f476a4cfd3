package dev.spinj.cm.abi;

/** The guest's {@code cabi_realloc(old_ptr, old_size, align, new_size) -> ptr}. */
@FunctionalInterface
public interface Realloc {
    int realloc(int oldPtr, int oldSize, int alignment, int newSize);
}
