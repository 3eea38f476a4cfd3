package dev.spinj.trigger.redis;

import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.abi.AbiFlavor;
import dev.spinj.wasm.redis.InboundRedis;

/** A Spin 1.x core module's {@code handle-redis-message} or {@code fermyon:spin/inbound-redis#handle-message} export (SPEC 9). */
record ModuleRedisHandler(ComponentPre component, AbiFlavor flavor) implements RedisHandler {

    static ModuleRedisHandler of(ComponentPre component) throws ComponentLoadException {
        AbiFlavor flavor = AbiFlavor.forHandler(component.exports(), true);
        if (flavor == null) {
            throw new ComponentLoadException("Component '" + component.id() + "' exports neither '"
                    + AbiFlavor.LEGACY.redisExport() + "' nor '" + AbiFlavor.CANONICAL.redisExport()
                    + "': it is not a Spin Redis component");
        }
        return new ModuleRedisHandler(component, flavor);
    }

    @Override
    public boolean handle(WasiInvocation invocation, byte[] payload) {
        try (GuestInstance guest = component.instantiate(invocation)) {
            guest.initialize();
            return InboundRedis.handle(guest, flavor, payload);
        }
    }
}
