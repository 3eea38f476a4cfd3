package dev.spinj.trigger.redis;

import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.abi.AbiFlavor;
import dev.spinj.wasm.redis.InboundRedis;
import dev.spinj.wasm.stdio.ComponentLogs;

/** Runs one message in a fresh instance of a component, through its Redis handler export (SPEC 9). */
public final class RedisMessageExecutor {
    private final ComponentPre component;
    private final AbiFlavor flavor;
    private final ComponentLogs logs;
    private final Deadlines deadlines;

    /** @param deadlines how long one message may run before the guest is interrupted */
    public RedisMessageExecutor(ComponentPre component, ComponentLogs logs, Deadlines deadlines)
            throws ComponentLoadException {
        this.component = component;
        this.logs = logs;
        this.deadlines = deadlines;
        this.flavor = AbiFlavor.forHandler(component.exports(), true);
        if (flavor == null) {
            throw new ComponentLoadException("Component '" + component.id() + "' exports neither '"
                    + AbiFlavor.LEGACY.redisExport() + "' nor '" + AbiFlavor.CANONICAL.redisExport()
                    + "': it is not a Spin Redis component");
        }
    }

    public String componentId() {
        return component.id();
    }

    /**
     * Whether the handler reported success ({@code ok} or {@code err(success)}).
     *
     * @throws dev.spinj.wasm.GuestTrapException when the guest traps or breaks the ABI
     * @throws dev.spinj.wasm.DeadlineExceededException when it ran past its deadline (interrupted)
     */
    public boolean execute(byte[] payload) {
        return deadlines.run(() -> {
            try (GuestInstance guest = component.instantiate(
                    WasiInvocation.spin(logs.stdout(component.id()), logs.stderr(component.id())))) {
                guest.initialize();
                return InboundRedis.handle(guest, flavor, payload);
            }
        });
    }
}
