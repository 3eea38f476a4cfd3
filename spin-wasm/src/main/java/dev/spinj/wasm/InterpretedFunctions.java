package dev.spinj.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log line for each function Chicory's compiler left to its interpreter, on every start (also
 * when the compiled module comes from the cache): such a function runs tens of times slower, so an
 * operator must be able to see which one and why. The compiler gives up on a function only when
 * the JVM method it would become exceeds the JVM's 64 KiB bytecode limit.
 */
final class InterpretedFunctions {
    private static final Logger LOG = LoggerFactory.getLogger(InterpretedFunctions.class);

    private InterpretedFunctions() {}

    static void log(WasmModule module, Set<Integer> functions, String what) {
        int imported = module.importSection().count(ExternalType.FUNCTION);
        for (int index : functions) {
            int local = index - imported;
            int instructions = local >= 0 && local < module.codeSection().functionBodyCount()
                    ? module.codeSection().getFunctionBody(local).instructions().size() : -1;
            LOG.warn("{}: wasm function {}{} runs interpreted, tens of times slower than compiled code: Chicory's compiler "
                            + "refused it because its JVM method would exceed the JVM's 64 KiB bytecode limit ({} wasm instructions)",
                    what, index, name(module, index), instructions);
        }
    }

    private static String name(WasmModule module, int index) {
        String name = module.nameSection() == null ? null : module.nameSection().nameOfFunction(index);
        return name == null || name.isEmpty() ? "" : " (" + name + ")";
    }
}
