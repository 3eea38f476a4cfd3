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
        return List.of(outboundHttp(), keyValue(), sqlite(), rdbms("outbound-pg", "fermyon:spin/postgres", true),
                rdbms("outbound-mysql", "fermyon:spin/mysql", false), llm());
    }

    private static HostInterface outboundHttp() {
        // http-error has no message: runtime-error (4), and the message goes to the log
        ErrorShape runtimeError = (ctx, ret, msg) -> ErrorResults.writeEnum(ctx, ret, 4, 4);
        return new Unimplemented("wasi-outbound-http", "fermyon:spin/http", List.of(
                new HostImport("request", "send-request", HostImport.i32Type(11), failing("outbound HTTP", runtimeError))));
    }

    private static HostInterface keyValue() {
        ErrorShape io = (ctx, ret, msg) -> ErrorResults.writeStringCase(ctx, ret, 4, 5, msg);
        String what = "key-value";
        return new Unimplemented("key-value", "fermyon:spin/key-value", List.of(
                HostImport.i32s("open", 3, failing(what, io)),
                HostImport.i32s("get", 4, failing(what, io)),
                HostImport.i32s("set", 6, failing(what, io)),
                HostImport.i32s("delete", 4, failing(what, io)),
                HostImport.i32s("exists", 4, failing(what, io)),
                HostImport.i32s("get-keys", 2, failing(what, io)),
                HostImport.i32s("close", 1, (ctx, args) -> null)));
    }

    private static HostInterface sqlite() {
        ErrorShape io = (ctx, ret, msg) -> ErrorResults.writeStringCase(ctx, ret, 4, 4, msg);
        return new Unimplemented("sqlite", "fermyon:spin/sqlite", List.of(
                HostImport.i32s("open", 3, failing("SQLite", io)),
                HostImport.i32s("execute", 6, failing("SQLite", io)),
                HostImport.i32s("close", 1, (ctx, args) -> null)));
    }

    /** PostgreSQL and MySQL share types; only pg's {@code execute} returns a u64, moving the error to 8. */
    private static HostInterface rdbms(String legacy, String canonical, boolean executeReturnsU64) {
        ErrorShape other = (ctx, ret, msg) -> ErrorResults.writeStringCase(ctx, ret, 4, 5, msg);
        ErrorShape executeOther = executeReturnsU64
                ? (ctx, ret, msg) -> ErrorResults.writeStringCase(ctx, ret, 8, 5, msg)
                : other;
        return new Unimplemented(legacy, canonical, List.of(
                HostImport.i32s("query", 7, failing(canonical, other)),
                HostImport.i32s("execute", 7, failing(canonical, executeOther))));
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
