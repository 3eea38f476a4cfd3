package dev.spinj.cm.types;

import java.util.List;

/**
 * A core module type: what a module imports ({@code module.field}) and exports, each with a
 * short description of its core extern type. Enough to name and match core instantiation
 * arguments; Chicory validates the module itself when it is instantiated.
 */
public record CoreModuleType(List<CoreExternDecl> imports, List<CoreExternDecl> exports) implements ExternType {
    public CoreModuleType {
        imports = List.copyOf(imports);
        exports = List.copyOf(exports);
    }

    /** One core import ({@code module} non-null) or export ({@code module} null). */
    public record CoreExternDecl(String module, String name, String type) {}
}
