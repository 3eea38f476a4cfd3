package dev.spinj.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasi.WasiExitException;

/** A guest call ended abnormally: a trap, an ABI violation, {@code proc_exit}, or an interrupt. */
public final class GuestTrapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String componentId;

    public GuestTrapException(String componentId, String export, Throwable cause) {
        super("component '" + componentId + "' failed in '" + export + "': " + describe(cause), cause);
        this.componentId = componentId;
    }

    public String componentId() {
        return componentId;
    }

    /** The code the guest passed to {@code proc_exit}, or null when it did not exit. */
    public Integer exitCode() {
        return getCause() instanceof WasiExitException exit ? exit.exitCode() : null;
    }

    /** Whether the call was interrupted (a deadline), rather than failing by itself. */
    public boolean interrupted() {
        return getCause() instanceof ChicoryInterruptedException;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof WasiExitException exit) {
            return "exited with code " + exit.exitCode();
        }
        if (cause instanceof StackOverflowError) {
            return "call stack exhausted";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
