package dev.spinj.wasm.interfaces;

import static dev.spinj.wasm.wit.Wit.BYTES;
import static dev.spinj.wasm.wit.Wit.STRING;
import static dev.spinj.wasm.wit.Wit.alt;
import static dev.spinj.wasm.wit.Wit.borrow;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.list;
import static dev.spinj.wasm.wit.Wit.option;
import static dev.spinj.wasm.wit.Wit.own;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.record;
import static dev.spinj.wasm.wit.Wit.result;
import static dev.spinj.wasm.wit.Wit.self;
import static dev.spinj.wasm.wit.Wit.tuple;
import static dev.spinj.wasm.wit.Wit.variant;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.kv.KeyValueException;
import dev.spinj.wasm.kv.KeyValueStore;
import dev.spinj.wasm.kv.KeyValueStores;
import dev.spinj.wasm.services.LabelRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code fermyon:spin/key-value@2.0.0} and {@code wasi:keyvalue/{store,atomics,batch}@0.2.0-draft2}
 * (SPEC2 §4.2, §4.5) over the app's {@link KeyValueStores}: the same labelled stores the 1.x
 * interface opens, so a value written through one is read through the others.
 */
final class KeyValueInterfaces {
    /** Spin's compare-and-swap table size. */
    private static final int OPEN_CAS_PER_INSTANCE = 256;

    private final KeyValueStores stores;
    private final HostResource<KeyValueStore> spinStores =
            new HostResource<>("store", KeyValueStores.OPEN_STORES_PER_INSTANCE, store -> { });
    private final HostResource<KeyValueStore> buckets =
            new HostResource<>("bucket", KeyValueStores.OPEN_STORES_PER_INSTANCE, store -> { });
    private final HostResource<CompareAndSwap> swaps = new HostResource<>("cas", OPEN_CAS_PER_INSTANCE, cas -> { });

    private final ValType spinError = variant(alt("store-table-full"), alt("no-such-store"), alt("access-denied"),
            alt("other", STRING));
    private final ValType wasiError = variant(alt("no-such-store"), alt("access-denied"), alt("other", STRING));

    KeyValueInterfaces(KeyValueStores stores) {
        this.stores = stores;
    }

    void addTo(Linker linker) {
        linker.instance("fermyon:spin/key-value@2.0.0", spinKeyValue());
        linker.instance("wasi:keyvalue/store@0.2.0-draft2", wasiStore());
        linker.instance("wasi:keyvalue/atomics@0.2.0-draft2", wasiAtomics());
        linker.instance("wasi:keyvalue/batch@0.2.0-draft2", wasiBatch());
    }

    /** A snapshot-taking compare-and-swap on one key, as Spin's: {@code current} reads the value {@code swap} expects. */
    private static final class CompareAndSwap {
        final KeyValueStore store;
        final String key;
        Optional<byte[]> snapshot = Optional.empty();

        CompareAndSwap(KeyValueStore store, String key) {
            this.store = store;
            this.key = key;
        }

        Optional<byte[]> current() throws KeyValueException {
            snapshot = store.get(key);
            return snapshot;
        }
    }

    private HostInstance spinKeyValue() {
        var store = spinStores.type();
        HostInstance.Builder b = spinStores.declareIn(HostInstance.builder());
        b.function("[static]store.open", ComponentFunction.of(func(result(own(store), spinError), param("label", STRING)),
                a -> open((String) a[0], spinStores, VariantValue.of("store-table-full"))));
        addStoreMethods(b, "store", spinStores, spinError);
        b.function("[method]store.get-keys", ComponentFunction.of(func(result(list(STRING), spinError), self(store)),
                a -> onStore(spinStores.get(a[0]), KeyValueStore::keys)));
        return b.build();
    }

    /**
     * Spin's open, checked in its order: the component's grant ({@code access-denied}), the app's
     * definitions ({@code no-such-store}), then the instance's table ({@code whenFull}).
     */
    private ResultValue open(String label, HostResource<KeyValueStore> table, VariantValue whenFull) {
        KeyValueStore store;
        try {
            store = stores.storeFor(HostContext.current().component(), label);
        } catch (LabelRefusedException e) {
            return ResultValue.err(VariantValue.of(switch (e.reason()) {
                case ACCESS_DENIED -> "access-denied";
                case UNDEFINED -> "no-such-store";
            }));
        } catch (KeyValueException e) {
            return other(e);
        }
        OptionalInt rep = table.add(store);
        return rep.isPresent() ? ResultValue.ok(rep.getAsInt()) : ResultValue.err(whenFull);
    }

    /** get, set, delete and exists: one shape in both interfaces, on {@code resource}'s stores. */
    private static void addStoreMethods(HostInstance.Builder b, String resource, HostResource<KeyValueStore> table, ValType error) {
        var self = self(table.type());
        var key = param("key", STRING);
        b.function("[method]" + resource + ".get", ComponentFunction.of(func(result(option(BYTES), error), self, key),
                a -> onStore(table.get(a[0]), s -> s.get((String) a[1]))));
        b.function("[method]" + resource + ".set", ComponentFunction.of(func(result(null, error), self, key, param("value", BYTES)),
                a -> onStore(table.get(a[0]), s -> {
                    s.set((String) a[1], (byte[]) a[2]);
                    return null;
                })));
        b.function("[method]" + resource + ".delete", ComponentFunction.of(func(result(null, error), self, key),
                a -> onStore(table.get(a[0]), s -> {
                    s.delete((String) a[1]);
                    return null;
                })));
        b.function("[method]" + resource + ".exists", ComponentFunction.of(func(result(Primitive.BOOL, error), self, key),
                a -> onStore(table.get(a[0]), s -> s.exists((String) a[1]))));
    }

    @FunctionalInterface
    private interface StoreCall {
        Object apply(KeyValueStore store) throws KeyValueException;
    }

    /** Runs one store call; a backend failure is {@code other(message)}, a case both interfaces' errors have. */
    private static ResultValue onStore(KeyValueStore store, StoreCall call) {
        try {
            return ResultValue.ok(call.apply(store));
        } catch (KeyValueException e) {
            return other(e);
        }
    }

    private static ResultValue other(KeyValueException e) {
        return ResultValue.err(new VariantValue("other", e.getMessage()));
    }

    private HostInstance wasiStore() {
        var bucket = buckets.type();
        HostInstance.Builder b = buckets.declareIn(HostInstance.builder());
        b.function("open", ComponentFunction.of(func(result(own(bucket), wasiError), param("identifier", STRING)),
                a -> open((String) a[0], buckets, new VariantValue("other", "store table full"))));
        addStoreMethods(b, "bucket", buckets, wasiError);
        ValType keyResponse = record(param("keys", list(STRING)), param("cursor", option(STRING)));
        b.function("[method]bucket.list-keys", ComponentFunction.of(
                func(result(keyResponse, wasiError), self(bucket), param("cursor", option(STRING))), a -> {
                    if (((Optional<?>) a[1]).isPresent()) {
                        return ResultValue.err(new VariantValue("other", "list_keys: cursor not supported"));
                    }
                    return onStore(buckets.get(a[0]), s -> RecordValue.of(s.keys(), Optional.empty()));
                }));
        return b.build();
    }

    private HostInstance wasiAtomics() {
        var bucket = borrow(buckets.type());
        var cas = swaps.type();
        ValType casError = variant(alt("store-error", wasiError), alt("cas-failed", own(cas)));
        HostInstance.Builder b = swaps.declareIn(buckets.declareIn(HostInstance.builder()));
        b.function("[static]cas.new", ComponentFunction.of(func(result(own(cas), wasiError), param("bucket", bucket),
                param("key", STRING)), a -> addCas(new CompareAndSwap(buckets.get(a[0]), (String) a[1]))));
        b.function("[method]cas.current", ComponentFunction.of(func(result(option(BYTES), wasiError), self(cas)),
                a -> {
                    CompareAndSwap current = swaps.get(a[0]);
                    return onStore(current.store, s -> current.current());
                }));
        b.function("increment", ComponentFunction.of(func(result(Primitive.S64, wasiError), param("bucket", bucket),
                param("key", STRING), param("delta", Primitive.S64)),
                a -> onStore(buckets.get(a[0]), s -> s.increment((String) a[1], (Long) a[2]))));
        b.function("swap", ComponentFunction.of(func(result(null, casError), param("cas", own(cas)), param("value", BYTES)),
                a -> swap(swaps.take(a[0]), (byte[]) a[1])));
        return b.build();
    }

    private ResultValue addCas(CompareAndSwap cas) {
        OptionalInt rep = swaps.add(cas);
        return rep.isPresent() ? ResultValue.ok(rep.getAsInt())
                : ResultValue.err(new VariantValue("other", "too many compare_and_swaps opened"));
    }

    /**
     * Writes if the key still holds the snapshot. When it changed, the guest gets a fresh
     * compare-and-swap on the key with the new value already read, as Spin hands back (on the
     * same store, even when the guest has dropped its bucket meanwhile).
     */
    private ResultValue swap(CompareAndSwap cas, byte[] value) {
        try {
            if (cas.store.compareAndSwap(cas.key, cas.snapshot, value)) {
                return ResultValue.ok(null);
            }
            ResultValue fresh = addCas(new CompareAndSwap(cas.store, cas.key));
            if (fresh instanceof ResultValue.Err err) {
                return ResultValue.err(new VariantValue("store-error", err.value()));
            }
            swaps.get(fresh.value()).current();
            return ResultValue.err(new VariantValue("cas-failed", fresh.value()));
        } catch (KeyValueException e) {
            return ResultValue.err(new VariantValue("store-error", new VariantValue("other", e.getMessage())));
        }
    }

    private HostInstance wasiBatch() {
        var bucket = param("bucket", borrow(buckets.type()));
        var keys = param("keys", list(STRING));
        HostInstance.Builder b = buckets.declareIn(HostInstance.builder());
        b.function("get-many", ComponentFunction.of(func(result(list(tuple(STRING, option(BYTES))), wasiError), bucket, keys),
                a -> onStore(buckets.get(a[0]), s -> getMany(s, (List<?>) a[1]))));
        b.function("set-many", ComponentFunction.of(func(result(null, wasiError), bucket,
                param("key-values", list(tuple(STRING, BYTES)))), a -> onStore(buckets.get(a[0]), s -> {
                    for (Object pair : (List<?>) a[1]) {
                        s.set((String) ((List<?>) pair).get(0), (byte[]) ((List<?>) pair).get(1));
                    }
                    return null;
                })));
        b.function("delete-many", ComponentFunction.of(func(result(null, wasiError), bucket, keys),
                a -> onStore(buckets.get(a[0]), s -> {
                    for (Object key : (List<?>) a[1]) {
                        s.delete((String) key);
                    }
                    return null;
                })));
        return b.build();
    }

    /** Spin answers only the keys that exist (its SQL selects the present rows); here in the order asked. */
    private static List<List<Object>> getMany(KeyValueStore store, List<?> keys) throws KeyValueException {
        List<List<Object>> found = new ArrayList<>();
        for (Object key : keys) {
            Optional<byte[]> value = store.get((String) key);
            if (value.isPresent()) {
                found.add(List.of(key, value));
            }
        }
        return found;
    }
}
