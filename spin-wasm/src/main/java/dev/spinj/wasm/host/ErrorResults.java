package dev.spinj.wasm.host;

import dev.spinj.wasm.abi.Slice;

/**
 * Writers for the {@code err} side of an import's {@code expected<_, error>} result, in the
 * return area whose address is the import's last argument. The offsets come from the result
 * layouts of SPEC §3 (the error payload sits after the tag, at the alignment of the larger side).
 */
public final class ErrorResults {
    private ErrorResults() {}

    /** {@code err(e)} for a plain error enum (no payload), e.g. Redis {@code error} or {@code http-error}. */
    public static void writeEnum(HostContext ctx, int retptr, int payloadOffset, int errorCase) {
        ctx.abi().memory().writeU8(retptr, 1);
        ctx.abi().memory().writeU8(retptr + payloadOffset, errorCase);
    }

    /** {@code err(case(message))} for an error variant whose case carries a string. */
    public static void writeStringCase(HostContext ctx, int retptr, int payloadOffset, int errorCase, String message) {
        Slice text = ctx.abi().lowerString(message);
        ctx.abi().memory().writeU8(retptr, 1);
        ctx.abi().memory().writeU8(retptr + payloadOffset, errorCase);
        ctx.abi().memory().writeI32(retptr + payloadOffset + 4, text.ptr());
        ctx.abi().memory().writeI32(retptr + payloadOffset + 8, text.len());
    }
}
