package dev.spinj.trigger.redis;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.wasm.ComponentGuest;
import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.WasiInvocation;
import java.util.List;

/**
 * A Spin 2+ component's {@code fermyon:spin/inbound-redis} export (SPEC2 §1.5): the unversioned
 * interface componentized 1.x modules and Rust SDK 2.x–5.x guests export, with
 * {@code handle-message: func(message: list<u8>) -> result<_, error>} and
 * {@code error = enum { success, error }}.
 */
record ComponentRedisHandler(ComponentPre component) implements RedisHandler {
    static final String EXPORT = "fermyon:spin/inbound-redis";
    static final String HANDLE_MESSAGE = EXPORT + "#handle-message";
    /** Spin 4's {@code spin:redis/inbound-redis@3.0.0}, whose handle-message is an async function. */
    static final String ASYNC_EXPORT = "spin:redis/inbound-redis@";

    static ComponentRedisHandler of(ComponentPre component) throws ComponentLoadException {
        List<String> candidates = component.componentExports().stream()
                .filter(name -> name.equals(EXPORT) || name.startsWith(ASYNC_EXPORT))
                .sorted()
                .toList();
        if (candidates.isEmpty()) {
            throw new ComponentLoadException("Component '" + component.id() + "': component does not export a Redis interface"
                    + " (expected " + EXPORT + ")");
        }
        if (candidates.size() > 1) {
            throw new ComponentLoadException("Component '" + component.id() + "': component exports multiple Redis interfaces "
                    + candidates);
        }
        if (!candidates.get(0).equals(EXPORT)) {
            // Spin 4 calls it through the component model's async ABI, which spinj does not run yet
            throw new ComponentLoadException("Component '" + component.id() + "' exports " + candidates.get(0)
                    + ", whose async handle-message is not supported yet: build it with an SDK that exports " + EXPORT
                    + " (Rust SDK 2.x-5.x, or a componentized Spin 1.x module)");
        }
        return new ComponentRedisHandler(component);
    }

    @Override
    public boolean handle(WasiInvocation invocation, byte[] payload) {
        try (ComponentGuest guest = component.instantiateComponent(invocation)) {
            return guest.call(HANDLE_MESSAGE, instance -> succeeded(instance.call(HANDLE_MESSAGE, (Object) payload)));
        }
    }

    /** {@code ok}, or {@code err(success)}, which the Go SDK returns on success; {@code err(error)} failed. */
    private static boolean succeeded(Object result) {
        if (result instanceof ResultValue.Ok) {
            return true;
        }
        if (result instanceof ResultValue.Err err) {
            return "success".equals(err.value());
        }
        throw new IllegalStateException("handle-message returned " + result + ", not a result<_, error>");
    }
}
