package dev.spinj.wasm.http;

import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.abi.AbiFlavor;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.GuestMemory;
import dev.spinj.wasm.abi.Slice;

/**
 * Calls a guest's HTTP handler export following SPEC 1.2–1.4: every argument allocated through
 * the guest (empty ones too), the 28-byte response read from the returned pointer and copied
 * out, then the results freed the way the flavour wants.
 */
public final class InboundHttp {
    private static final int RESPONSE_SIZE = 28;

    private InboundHttp() {}

    public static GuestResponse handle(GuestInstance guest, AbiFlavor flavor, GuestRequest request) {
        CanonicalAbi abi = guest.abi();
        Slice uri = abi.lowerString(request.uri());
        Slice headers = abi.lowerHeaders(request.headers());
        Slice params = abi.lowerHeaders(java.util.List.of());
        Slice body = abi.lowerBytes(request.body());
        String export = flavor.httpExport();
        int ret = (int) guest.call(export, request.method().ordinal(), uri.ptr(), uri.len(), headers.ptr(),
                headers.len(), params.ptr(), params.len(), 1, body.ptr(), body.len())[0];
        GuestResponse response = lift(abi, ret, guest.componentId());
        release(guest, abi, flavor, export, ret);
        return response;
    }

    private static GuestResponse lift(CanonicalAbi abi, int ret, String componentId) {
        GuestMemory memory = abi.memory();
        memory.checkRange(ret, RESPONSE_SIZE, "response of " + componentId);
        memory.checkAligned(ret, 4, "response of " + componentId);
        int status = memory.u16(ret);
        var headers = abi.tag(ret + 4, 2, "response headers option") == 1
                ? abi.liftHeaders(memory.i32(ret + 8), memory.i32(ret + 12), "response headers")
                : null;
        byte[] body = abi.tag(ret + 16, 2, "response body option") == 1
                ? abi.liftBytes(memory.i32(ret + 20), memory.i32(ret + 24), "response body")
                : null;
        return new GuestResponse(status, headers, body);
    }

    private static void release(GuestInstance guest, CanonicalAbi abi, AbiFlavor flavor, String export, int ret) {
        String post = flavor.postReturn(export);
        if (post != null) {
            if (guest.hasExport(post)) {
                guest.call(post, ret);
            }
            return;
        }
        GuestMemory memory = abi.memory();
        if (memory.u8(ret + 4) == 1) {
            abi.freeHeaders(memory.i32(ret + 8), memory.i32(ret + 12));
        }
        if (memory.u8(ret + 16) == 1) {
            abi.allocator().free(memory.i32(ret + 20), memory.i32(ret + 24), 1);
        }
    }
}
