package dev.spinj.trigger.redis;

import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.stdio.ComponentLogs;

/**
 * Runs one message in a fresh instance of a component through its Redis handler, a Spin 1.x
 * module's or a Spin 2+ component's (SPEC 9, SPEC2 §1.5), under the message deadline.
 */
public final class RedisMessageExecutor {
    private final String componentId;
    private final RedisHandler handler;
    private final ComponentLogs logs;
    private final Deadlines deadlines;

    /**
     * @param deadlines how long one message may run before the guest is interrupted
     * @throws ComponentLoadException when the component exports no Redis handler spinj can run
     */
    public RedisMessageExecutor(ComponentPre component, ComponentLogs logs, Deadlines deadlines)
            throws ComponentLoadException {
        this.componentId = component.id();
        this.handler = RedisHandler.of(component);
        this.logs = logs;
        this.deadlines = deadlines;
    }

    public String componentId() {
        return componentId;
    }

    /**
     * Whether the handler reported success ({@code ok} or {@code err(success)}).
     *
     * @throws dev.spinj.wasm.GuestTrapException when the guest traps or breaks the ABI
     * @throws dev.spinj.wasm.DeadlineExceededException when it ran past its deadline (interrupted)
     */
    public boolean execute(byte[] payload) {
        return deadlines.run(() -> handler.handle(
                WasiInvocation.spin(logs.stdout(componentId), logs.stderr(componentId)), payload));
    }
}
