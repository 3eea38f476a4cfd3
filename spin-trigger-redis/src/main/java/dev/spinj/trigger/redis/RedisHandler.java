package dev.spinj.trigger.redis;

import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.WasiInvocation;

/**
 * A component's Redis message handler, found once at startup from its exports: the Spin 1.x
 * core-module export (SPEC 9) or the {@code fermyon:spin/inbound-redis} component export
 * (SPEC2 §1.5). Everything around one message (deadline, ordering, logging) is the same for both
 * shapes; only reaching the guest differs.
 */
sealed interface RedisHandler permits ModuleRedisHandler, ComponentRedisHandler {

    /**
     * Runs one message in a fresh instance: whether the handler reported success ({@code ok} or
     * {@code err(success)}).
     *
     * @throws dev.spinj.wasm.GuestTrapException when the guest traps, breaks the ABI or is interrupted
     */
    boolean handle(WasiInvocation invocation, byte[] payload);

    /** @throws ComponentLoadException when the component has no Redis handler it can run */
    static RedisHandler of(ComponentPre component) throws ComponentLoadException {
        return component.isComponent() ? ComponentRedisHandler.of(component) : ModuleRedisHandler.of(component);
    }
}
