package dev.spinj.cm.binary;

import java.util.List;

/** A component instance definition: instantiate a component, or a bag of inline exports. */
public sealed interface Instance extends Definition {
    /** {@code (instantiate component (with "name" item)*)}. */
    record Instantiate(int component, List<Arg> args) implements Instance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** One instantiation argument, matched against the component's import names. */
    record Arg(String name, SortIndex item) {}

    /** An instance made of inline exports of existing items. */
    record Exports(List<InlineExport> exports) implements Instance {
        public Exports {
            exports = List.copyOf(exports);
        }
    }

    /** One inline export. */
    record InlineExport(ExternName name, SortIndex item) {}
}
