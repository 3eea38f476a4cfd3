package dev.spinj.wasm.redis;

import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.abi.AbiFlavor;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.Slice;

/**
 * Calls a guest's Redis message handler (SPEC 2): the payload allocated through the guest's
 * realloc and owned by it, {@code (ptr, len) -> retptr}, a 2-byte {@code expected<unit, error>}
 * read back. Nothing is freed afterwards.
 */
public final class InboundRedis {
    private static final int SUCCESS = 0;

    private InboundRedis() {}

    /**
     * Whether the handler succeeded: {@code ok}, or {@code err(success)}, which the Go SDK returns
     * on success (SPEC 2, CONFIRMED.md). {@code err(error)} is a failure.
     */
    public static boolean handle(GuestInstance guest, AbiFlavor flavor, byte[] payload) {
        CanonicalAbi abi = guest.abi();
        Slice message = abi.lowerBytes(payload);
        int ret = (int) guest.call(flavor.redisExport(), message.ptr(), message.len())[0];
        abi.memory().checkRange(ret, 2, "result of " + flavor.redisExport());
        if (abi.tag(ret, 2, "handle-message result") == 0) {
            return true;
        }
        return abi.tag(ret + 1, 2, "redis error") == SUCCESS;
    }
}
