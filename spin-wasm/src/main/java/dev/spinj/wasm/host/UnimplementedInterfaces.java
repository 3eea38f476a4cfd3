package dev.spinj.wasm.host;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spin 1.x interfaces this runtime links but does not implement yet. Real guests import
 * functions they never call (CONFIRMED.md), so every one must link; a call answers the
 * interface's own error variant with a message and never traps. Each entry is replaced by a
 * real implementation as its interface lands.
 */
public final class UnimplementedInterfaces {
    private static final Logger LOG = LoggerFactory.getLogger(UnimplementedInterfaces.class);

    private UnimplementedInterfaces() {}

    /** How an interface's functions report failure at the return pointer. */
    private interface ErrorShape {
        void write(HostContext ctx, int retptr, String message);
    }

    public static List<HostInterface> all() {
        return List.of(llm());
    }

    private static HostInterface llm() {
        ErrorShape runtimeError = (ctx, ret, msg) -> ErrorResults.writeStringCase(ctx, ret, 4, 1, msg);
        ValType i = ValType.I32;
        ValType f = ValType.F32;
        FunctionType infer = FunctionType.of(List.of(i, i, i, i, i, i, f, i, f, i, f, i), List.of());
        return new Unimplemented(null, "fermyon:spin/llm", List.of(
                new HostImport("infer", "infer", infer, failing("LLM", runtimeError)),
                HostImport.i32s("generate-embeddings", 5, failing("LLM", runtimeError))));
    }

    private static HostCall failing(String what, ErrorShape shape) {
        return (ctx, args) -> {
            String message = what + " is not supported by this runtime yet";
            LOG.warn("Component {}: {}", ctx.componentId(), message);
            shape.write(ctx, (int) args[args.length - 1], message);
            return null;
        };
    }

    private record Unimplemented(String legacyModule, String canonicalModule, List<HostImport> imports)
            implements HostInterface {}
}
