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

    public static List<HostInterface> all() {
        return List.of(llm());
    }

    /** LLM (Spin 1.5, canonical flavour only): every call is {@code err(runtime-error(message))}. */
    private static HostInterface llm() {
        ValType i = ValType.I32;
        ValType f = ValType.F32;
        FunctionType infer = FunctionType.of(List.of(i, i, i, i, i, i, f, i, f, i, f, i), List.of());
        HostCall unsupported = (ctx, args) -> {
            String message = "LLM is not supported by this runtime yet";
            LOG.warn("Component {}: {}", ctx.componentId(), message);
            ErrorResults.writeStringCase(ctx, (int) args[args.length - 1], 4, 1, message);
            return null;
        };
        return new Unimplemented(null, "fermyon:spin/llm", List.of(
                new HostImport("infer", "infer", infer, unsupported),
                HostImport.i32s("generate-embeddings", 5, unsupported)));
    }

    private record Unimplemented(String legacyModule, String canonicalModule, List<HostImport> imports)
            implements HostInterface {}
}
