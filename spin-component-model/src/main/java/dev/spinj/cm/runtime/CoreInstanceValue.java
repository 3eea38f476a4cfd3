package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.spinj.cm.binary.Sort;
import java.util.Map;

/** A core instance at run time: a Chicory instance, or a bag of inline exports. */
interface CoreInstanceValue {
    /** The export {@code name} of kind {@code sort}: CoreFunction, Memory, TableInstance or GlobalInstance. */
    Object export(String name, Sort sort);

    static CoreInstanceValue of(Instance instance) {
        return (name, sort) -> {
            Object item;
            try {
                item = switch (sort) {
                    case CORE_FUNC -> instance.exportType(name) == null ? null : CoreFunction.exported(instance, name);
                    case CORE_MEMORY -> instance.exports().memory(name);
                    case CORE_TABLE -> instance.exports().table(name);
                    case CORE_GLOBAL -> instance.exports().global(name);
                    default -> throw new LinkException("core instances cannot export a " + sort + " (`" + name + "`)");
                };
            } catch (ChicoryException e) {
                throw new LinkException("core instance has no " + sort + " export `" + name + "`", e);
            }
            if (item == null) {
                throw new LinkException("core instance has no " + sort + " export `" + name + "`");
            }
            return item;
        };
    }

    static CoreInstanceValue of(Map<String, Object> exports) {
        return (name, sort) -> {
            Object item = exports.get(name);
            if (item == null) {
                throw new LinkException("core instance of inline exports has no " + sort + " `" + name + "`");
            }
            return item;
        };
    }
}
