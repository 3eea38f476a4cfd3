package dev.spinj.cm.runtime;

import com.dylibso.chicory.runtime.Memory;
import dev.spinj.cm.abi.CallContext;
import dev.spinj.cm.abi.FunctionAbi;
import dev.spinj.cm.abi.InstanceState;
import dev.spinj.cm.abi.Realloc;
import dev.spinj.cm.types.FuncType;

/**
 * {@code canon lift}: a core function of a component instance called with Java values. The
 * instance may not be re-entered during the call; post-return runs with calls out forbidden;
 * borrows lent into the call must be dropped by the time it returns.
 */
final class LiftedFunction implements ComponentFunction {
    private final String name;
    private final FunctionAbi abi;
    private final CoreFunction core;
    private final Memory memory;
    private final Realloc realloc;
    private final CoreFunction postReturn;
    private final InstanceState state;

    LiftedFunction(String name, FunctionAbi abi, CoreFunction core, Memory memory, Realloc realloc,
            CoreFunction postReturn, InstanceState state) {
        this.name = name;
        this.abi = abi;
        this.core = core;
        this.memory = memory;
        this.realloc = realloc;
        this.postReturn = postReturn;
        this.state = state;
    }

    @Override
    public FuncType type() {
        return abi.type();
    }

    @Override
    public Object call(Object... args) {
        state.enter(name);
        try {
            CallContext cx = new CallContext(name, state, memory, realloc);
            long[] flat = abi.lowerParams(cx, args);
            long[] returned = core.call(flat);
            long[] results = returned == null ? new long[0] : returned;
            Object value = abi.liftResults(cx, results);
            if (postReturn != null) {
                state.duringPostReturn(() -> postReturn.call(results));
            }
            cx.checkBorrowsDropped();
            return value;
        } catch (RuntimeException | Error e) {
            state.poison(name);
            throw e;
        } finally {
            state.exit();
        }
    }
}
