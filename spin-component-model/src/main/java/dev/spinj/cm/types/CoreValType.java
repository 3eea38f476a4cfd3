package dev.spinj.cm.types;

/** Core WebAssembly value types as they appear in component core types and flattening. */
public enum CoreValType {
    I32, I64, F32, F64, V128, FUNCREF, EXTERNREF;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
