package dev.spinj.wasm.host.kv;

import dev.spinj.wasm.abi.GuestMemory;
import dev.spinj.wasm.abi.Slice;
import dev.spinj.wasm.host.ErrorResults;
import dev.spinj.wasm.host.HandleTable;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostImport;
import dev.spinj.wasm.host.HostInterface;
import dev.spinj.wasm.kv.KeyValueException;
import dev.spinj.wasm.kv.KeyValueStore;
import dev.spinj.wasm.kv.KeyValueStores;
import dev.spinj.wasm.services.LabelRefusedException;
import java.util.List;
import java.util.Optional;

/**
 * {@code key-value.*} / {@code fermyon:spin/key-value.*} (SPEC 3.4): a per-instance handle table
 * over the app's stores, refusing stores the component does not list. Arguments are lifted (and
 * so validated) before any store is touched; a bad pointer traps without side effects.
 */
public final class KeyValueHost implements HostInterface {
    private static final int STORE_TABLE_FULL = 0;
    private static final int NO_SUCH_STORE = 1;
    private static final int ACCESS_DENIED = 2;
    private static final int INVALID_STORE = 3;
    private static final int NO_SUCH_KEY = 4;
    private static final int IO = 5;

    private final KeyValueStores stores;

    public KeyValueHost(KeyValueStores stores) {
        this.stores = stores;
    }

    @Override
    public String legacyModule() {
        return "key-value";
    }

    @Override
    public String canonicalModule() {
        return "fermyon:spin/key-value";
    }

    @Override
    public List<HostImport> imports() {
        return List.of(
                HostImport.i32s("open", 3, (ctx, a) -> open(ctx, (int) a[0], (int) a[1], (int) a[2])),
                HostImport.i32s("get", 4, (ctx, a) -> get(ctx, (int) a[0], key(ctx, a[1], a[2]), (int) a[3])),
                HostImport.i32s("set", 6, (ctx, a) -> set(ctx, (int) a[0], key(ctx, a[1], a[2]),
                        ctx.abi().liftBytes((int) a[3], (int) a[4], "key-value value"), (int) a[5])),
                HostImport.i32s("delete", 4, (ctx, a) -> delete(ctx, (int) a[0], key(ctx, a[1], a[2]), (int) a[3])),
                HostImport.i32s("exists", 4, (ctx, a) -> exists(ctx, (int) a[0], key(ctx, a[1], a[2]), (int) a[3])),
                HostImport.i32s("get-keys", 2, (ctx, a) -> getKeys(ctx, (int) a[0], (int) a[1])),
                HostImport.i32s("close", 1, (ctx, a) -> {
                    handles(ctx).remove((int) a[0]);
                    return null;
                }));
    }

    /** Every key-value result fits 16 bytes; checked first so a bad pointer traps before the store changes. */
    private static void checkReturnArea(HostContext ctx, int ret) {
        ctx.abi().memory().checkRange(ret, 16, "key-value return area");
    }

    private static String key(HostContext ctx, long ptr, long len) {
        return ctx.abi().liftString((int) ptr, (int) len, "key-value key");
    }

    private long[] open(HostContext ctx, int namePtr, int nameLen, int ret) {
        String name = ctx.abi().liftString(namePtr, nameLen, "key-value store name");
        checkReturnArea(ctx, ret);
        KeyValueStore store;
        try {
            store = stores.storeFor(ctx.component(), name);
        } catch (LabelRefusedException e) {
            ErrorResults.writeEnum(ctx, ret, 4, switch (e.reason()) {
                case ACCESS_DENIED -> ACCESS_DENIED;
                case UNDEFINED -> NO_SUCH_STORE;
            });
            return null;
        } catch (KeyValueException e) {
            ErrorResults.writeStringCase(ctx, ret, 4, IO, e.getMessage());
            return null;
        }
        int handle = handles(ctx).add(store);
        if (handle < 0) {
            ErrorResults.writeEnum(ctx, ret, 4, STORE_TABLE_FULL);
        } else {
            ctx.abi().memory().writeU8(ret, 0);
            ctx.abi().memory().writeI32(ret + 4, handle);
        }
        return null;
    }

    /** What a store operation writes on success; it may answer an error variant itself (no-such-key). */
    @FunctionalInterface
    private interface StoreOperation {
        void apply(KeyValueStore store, GuestMemory memory) throws KeyValueException;
    }

    /**
     * The shape every handle-taking function shares: check the return area, resolve the handle
     * ({@code invalid-store}), run the operation, map a backend failure to {@code io}.
     */
    private static long[] onStore(HostContext ctx, int handle, int ret, StoreOperation operation) {
        checkReturnArea(ctx, ret);
        KeyValueStore store = handles(ctx).get(handle);
        if (store == null) {
            ErrorResults.writeEnum(ctx, ret, 4, INVALID_STORE);
            return null;
        }
        try {
            operation.apply(store, ctx.abi().memory());
        } catch (KeyValueException e) {
            ErrorResults.writeStringCase(ctx, ret, 4, IO, e.getMessage());
        }
        return null;
    }

    private static long[] get(HostContext ctx, int handle, String key, int ret) {
        return onStore(ctx, handle, ret, (store, memory) -> {
            Optional<byte[]> value = store.get(key);
            if (value.isEmpty()) {
                ErrorResults.writeEnum(ctx, ret, 4, NO_SUCH_KEY);
                return;
            }
            writeOkSlice(memory, ret, ctx.abi().lowerBytes(value.get()));
        });
    }

    private static long[] set(HostContext ctx, int handle, String key, byte[] value, int ret) {
        return onStore(ctx, handle, ret, (store, memory) -> {
            store.set(key, value);
            memory.writeU8(ret, 0);
        });
    }

    private static long[] delete(HostContext ctx, int handle, String key, int ret) {
        return onStore(ctx, handle, ret, (store, memory) -> {
            store.delete(key);
            memory.writeU8(ret, 0);
        });
    }

    private static long[] exists(HostContext ctx, int handle, String key, int ret) {
        return onStore(ctx, handle, ret, (store, memory) -> {
            boolean exists = store.exists(key);
            memory.writeU8(ret, 0);
            memory.writeU8(ret + 4, exists ? 1 : 0);
        });
    }

    private static long[] getKeys(HostContext ctx, int handle, int ret) {
        return onStore(ctx, handle, ret, (store, memory) -> writeOkSlice(memory, ret, ctx.abi().lowerStrings(store.keys())));
    }

    private static void writeOkSlice(GuestMemory memory, int ret, Slice slice) {
        memory.writeU8(ret, 0);
        memory.writeI32(ret + 4, slice.ptr());
        memory.writeI32(ret + 8, slice.len());
    }

    private static HandleTable<KeyValueStore> handles(HostContext ctx) {
        return ctx.state(KeyValueHost.class, () -> new HandleTable<>(KeyValueStores.OPEN_STORES_PER_INSTANCE));
    }
}
