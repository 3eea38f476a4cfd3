package dev.spinj.cm.binary;

/**
 * A scope with its own index spaces: a component definition, or a component/instance type
 * declaration. Outer aliases count scopes outward through {@link #parent}.
 */
final class Scope {
    final Scope parent;
    final boolean typeDeclaration;
    final IndexSpaces spaces = new IndexSpaces();

    Scope(Scope parent, boolean typeDeclaration) {
        this.parent = parent;
        this.typeDeclaration = typeDeclaration;
    }

    /** The entry at {@code index}, or a format error at {@code at} naming the space and its size. */
    IndexEntry entry(ByteReader r, int at, Sort sort, int index) {
        int count = spaces.count(sort);
        if (index < 0 || index >= count) {
            throw r.errorAt(at, sort + " index " + index + " out of range: " + count + " defined in this scope");
        }
        return spaces.get(sort, index);
    }

    void checkIndex(ByteReader r, int at, Sort sort, int index) {
        entry(r, at, sort, index);
    }

    /** The scope {@code count} levels out (0 = this one). */
    Scope outer(ByteReader r, int at, int count) {
        Scope s = this;
        for (int i = 0; i < count; i++) {
            if (s.parent == null) {
                throw r.errorAt(at, "outer alias count " + count + " exceeds the " + i + " enclosing scopes");
            }
            s = s.parent;
        }
        return s;
    }

    void add(Sort sort, Definition definition, Object type) {
        spaces.add(sort, new IndexEntry(definition, type));
    }
}
