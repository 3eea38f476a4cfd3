package dev.spinj.cm.types;

/** {@code result<ok, error>}; either side may be null (no payload). */
public record ResultType(ValType ok, ValType error) implements ValType {
    @Override
    public String toString() {
        return "result<" + (ok == null ? "_" : ok) + ", " + (error == null ? "_" : error) + ">";
    }
}
