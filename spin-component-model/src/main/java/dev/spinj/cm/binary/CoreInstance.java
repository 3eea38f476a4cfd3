package dev.spinj.cm.binary;

import java.util.List;

/** A core instance definition: instantiate a core module, or a bag of inline exports. */
public sealed interface CoreInstance extends Definition {
    /** {@code (instantiate module (with "name" (instance i))*)}. */
    record Instantiate(int module, List<Arg> args) implements CoreInstance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** One instantiation argument: the core instance that supplies imports of module name {@code name}. */
    record Arg(String name, int instance) {}

    /** A core instance made of inline exports of existing core items. */
    record Exports(List<CoreExport> exports) implements CoreInstance {
        public Exports {
            exports = List.copyOf(exports);
        }
    }

    /** One inline export: {@code name} refers to {@code item}. */
    record CoreExport(String name, SortIndex item) {}
}
