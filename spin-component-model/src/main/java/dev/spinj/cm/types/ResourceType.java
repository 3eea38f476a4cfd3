package dev.spinj.cm.types;

/**
 * A resource type. Compared by identity: each {@code (resource ...)} definition and each
 * {@code (sub resource)} import or export declaration introduces a new type.
 */
public final class ResourceType implements Type {
    /** Marks a resource without destructor. */
    public static final int NO_DESTRUCTOR = -1;

    private final String name;
    private final boolean abstractType;
    private final int destructorCoreFunc;

    private ResourceType(String name, boolean abstractType, int destructorCoreFunc) {
        this.name = name;
        this.abstractType = abstractType;
        this.destructorCoreFunc = destructorCoreFunc;
    }

    /** A resource a component defines; its rep is an i32, its dtor a core func index or {@link #NO_DESTRUCTOR}. */
    public static ResourceType defined(String name, int destructorCoreFunc) {
        return new ResourceType(name, false, destructorCoreFunc);
    }

    /** An abstract resource introduced by a {@code (sub resource)} import or export declaration. */
    public static ResourceType declared(String name) {
        return new ResourceType(name, true, NO_DESTRUCTOR);
    }

    /** The name this resource was declared or first exported under (for messages only). */
    public String name() {
        return name;
    }

    /** True for a {@code (sub resource)} declaration, false for a component's own definition. */
    public boolean isAbstract() {
        return abstractType;
    }

    /** Core func index of the destructor in the defining component, or {@link #NO_DESTRUCTOR}. */
    public int destructorCoreFunc() {
        return destructorCoreFunc;
    }

    @Override
    public String toString() {
        return name;
    }
}
