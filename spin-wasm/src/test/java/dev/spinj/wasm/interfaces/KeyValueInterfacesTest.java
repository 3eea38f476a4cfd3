package dev.spinj.wasm.interfaces;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.spinj.wasm.interfaces.SpinGuest.handle;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.WatGuests;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.config.StoreConfig;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.kv.KeyValueStores;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kv-guest.c (fermyon:spin/key-value@2.0.0, wasi:keyvalue draft2) on {@link SpinInterfaces},
 * with the app's default store in a SQLite file under a temporary state dir.
 */
@Timeout(60)
class KeyValueInterfacesTest {
    private static final ResultValue OK = ResultValue.ok(null);

    @TempDir
    Path stateDir;

    private HostSettings settings;
    private LockedApp app;
    private HostServices services;
    private SpinGuest guest;

    @BeforeEach
    void start() throws Exception {
        // "secret" is defined for the app but not granted to the component
        settings = HostSettings.defaults().withStateDir(stateDir).withRuntimeConfig(new RuntimeConfig(null, null,
                Map.of("secret", new StoreConfig.Sqlite(stateDir.resolve("secret.db"))), Map.of(), List.of()));
        byte[] v1 = WatGuests.compile("kv-v1");
        LockedComponent component = WatGuests.app("kv", v1, Map.of()).components().get(0);
        component = new LockedComponent("kv", Map.of("key_value_stores", List.of("default")), component.source(), Map.of(),
                List.of(), Map.of());
        app = new LockedApp(0, Map.of("name", "kv-test"), Map.of(), List.of(), List.of(component));
        services = HostServices.create(app, Map.of(), settings);
        guest = new SpinGuest("kv-guest", services, component);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private static Optional<String> text(Object okOptionalBytes) {
        return ((Optional<?>) ((ResultValue.Ok) okOptionalBytes).value()).map(b -> new String((byte[]) b, UTF_8));
    }

    @Test
    void everyStoreFunctionAnswersAsSpinDoes() {
        try (var i = guest.instantiate()) {
            long store = handle(i.call("kv-open", "default"));
            assertEquals(OK, i.call("kv-set", store, "k1", "v1".getBytes(UTF_8)));
            assertEquals(OK, i.call("kv-set", store, "k2", new byte[0]));
            assertEquals(Optional.of("v1"), text(i.call("kv-get", store, "k1")));
            assertEquals(Optional.of(""), text(i.call("kv-get", store, "k2")));
            assertEquals(ResultValue.ok(true), i.call("kv-exists", store, "k1"));
            assertEquals(ResultValue.ok(false), i.call("kv-exists", store, "nope"));
            assertEquals(ResultValue.ok(List.of("k1", "k2")), i.call("kv-get-keys", store));
            assertEquals(OK, i.call("kv-delete", store, "k1"));
            assertEquals(OK, i.call("kv-delete", store, "k1"), "deleting a missing key is no error");
            assertEquals(ResultValue.ok(List.of("k2")), i.call("kv-get-keys", store));
        }
    }

    @Test
    void aMissingKeyIsOkNone() {
        try (var i = guest.instantiate()) {
            assertEquals(ResultValue.ok(Optional.empty()), i.call("kv-get", handle(i.call("kv-open", "default")), "nope"));
        }
    }

    @Test
    void aStoreTheComponentIsNotGrantedIsAccessDeniedEvenWhenTheAppDefinesIt() {
        try (var i = guest.instantiate()) {
            assertEquals(ResultValue.err(VariantValue.of("access-denied")), i.call("kv-open", "secret"));
            assertEquals(ResultValue.err(VariantValue.of("access-denied")), i.call("kv-open", "nowhere"));
            assertEquals(ResultValue.err(VariantValue.of("access-denied")), i.call("bucket-open", "secret"));
        }
    }

    @Test
    void theStoreTableIsFullAtItsCapacityUntilTheGuestDropsAStore() {
        try (var i = guest.instantiate()) {
            long first = handle(i.call("kv-open", "default"));
            for (int n = 1; n < KeyValueStores.OPEN_STORES_PER_INSTANCE; n++) {
                handle(i.call("kv-open", "default"));
            }
            assertEquals(ResultValue.err(VariantValue.of("store-table-full")), i.call("kv-open", "default"));
            i.call("kv-drop", first);
            handle(i.call("kv-open", "default"));
        }
        try (var i = guest.instantiate()) {
            handle(i.call("kv-open", "default"));
        }
    }

    @Test
    void aFullBucketTableIsOtherStoreTableFull() {
        try (var i = guest.instantiate()) {
            for (int n = 0; n < KeyValueStores.OPEN_STORES_PER_INSTANCE; n++) {
                handle(i.call("bucket-open", "default"));
            }
            assertEquals(ResultValue.err(new VariantValue("other", "store table full")), i.call("bucket-open", "default"));
        }
    }

    @Test
    void aValueWrittenByASpin1GuestIsReadByASpin2GuestFromTheSameFileAndBack() throws Exception {
        try (WasmApp v1App = WasmApp.builder(app).withHostSettings(settings).build()) {
            ComponentPre v1 = v1App.prepare("kv");
            try (GuestInstance g = v1.instantiate(WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()))) {
                int store = v1Call(g, "open", 0, "default");
                assertEquals(0, v1Call(g, "set", store, "from-v1", "written by 1.x"));
            }
            try (var i = guest.instantiate()) {
                long store = handle(i.call("kv-open", "default"));
                assertEquals(Optional.of("written by 1.x"), text(i.call("kv-get", store, "from-v1")));
                assertEquals(OK, i.call("kv-set", store, "from-v2", "written by 2.x".getBytes(UTF_8)));
            }
            try (GuestInstance g = v1.instantiate(WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()))) {
                int store = v1Call(g, "open", 0, "default");
                int ret = (int) g.call("get", store, 4096, put(g.abi(), 4096, "from-v2"))[0];
                assertEquals(0, g.abi().memory().u8(ret));
                assertEquals("written by 2.x", g.abi().liftString(g.abi().memory().i32(ret + 4), g.abi().memory().i32(ret + 8), "value"));
            }
        }
    }

    /**
     * Calls a 1.x export with strings placed in guest memory: {@code open(name)} gives the
     * handle, {@code set(handle, key, value)} the result tag.
     */
    private static int v1Call(GuestInstance g, String export, int handle, String... strings) {
        CanonicalAbi abi = g.abi();
        int ret;
        if (export.equals("open")) {
            ret = (int) g.call("open", 4096, put(abi, 4096, strings[0]))[0];
            assertEquals(0, abi.memory().u8(ret), "open tag");
            return abi.memory().i32(ret + 4);
        }
        ret = (int) g.call("set", handle, 4096, put(abi, 4096, strings[0]), 6144, put(abi, 6144, strings[1]))[0];
        return abi.memory().u8(ret);
    }

    private static int put(CanonicalAbi abi, int at, String s) {
        byte[] bytes = s.getBytes(UTF_8);
        abi.memory().write(at, bytes);
        return bytes.length;
    }

    @Test
    void aBucketSeesTheSpinStoresDataAndListsEveryKeyWithoutCursor() {
        try (var i = guest.instantiate()) {
            long store = handle(i.call("kv-open", "default"));
            i.call("kv-set", store, "a", "1".getBytes(UTF_8));
            long bucket = handle(i.call("bucket-open", "default"));
            assertEquals(Optional.of("1"), text(i.call("bucket-get", bucket, "a")));
            assertEquals(ResultValue.ok(Optional.empty()), i.call("bucket-get", bucket, "b"));
            assertEquals(OK, i.call("bucket-set", bucket, "b", "2".getBytes(UTF_8)));
            assertEquals(ResultValue.ok(true), i.call("bucket-exists", bucket, "b"));
            assertEquals(ResultValue.ok(RecordValue.of(List.of("a", "b"), Optional.empty())),
                    i.call("bucket-list-keys", bucket, Optional.empty()));
            assertEquals(OK, i.call("bucket-delete", bucket, "a"));
            assertEquals(ResultValue.ok(false), i.call("kv-exists", store, "a"));
            i.call("bucket-drop", bucket);
        }
    }

    @Test
    void listKeysWithACursorIsNotSupported() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "default"));
            assertEquals(ResultValue.err(new VariantValue("other", "list_keys: cursor not supported")),
                    i.call("bucket-list-keys", bucket, Optional.of("next")));
        }
    }

    @Test
    void incrementCountsFromZeroAndStoresAnEightByteLittleEndianCounter() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "default"));
            assertEquals(ResultValue.ok(5L), i.call("increment", bucket, "n", 5L));
            assertEquals(ResultValue.ok(-2L), i.call("increment", bucket, "n", -7L));
            byte[] stored = (byte[]) ((Optional<?>) ((ResultValue) i.call("bucket-get", bucket, "n")).value()).orElseThrow();
            assertArrayEquals(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-2L).array(), stored);
        }
    }

    @Test
    void incrementOfAValueThatIsNoCounterIsOther() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "default"));
            i.call("bucket-set", bucket, "word", "abc".getBytes(UTF_8));
            assertEquals(ResultValue.err(new VariantValue("other",
                    "increment in store 'default' failed: the value of 'word' is 3 bytes, not an 8-byte counter")),
                    i.call("increment", bucket, "word", 1L));
        }
    }

    @Test
    void swapAfterCurrentWritesWhenTheValueIsUnchanged() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "default"));
            i.call("bucket-set", bucket, "k", "old".getBytes(UTF_8));
            long cas = handle(i.call("cas-new", bucket, "k"));
            assertEquals(Optional.of("old"), text(i.call("cas-current", cas)));
            assertEquals(OK, i.call("swap", cas, "new".getBytes(UTF_8)));
            assertEquals(Optional.of("new"), text(i.call("bucket-get", bucket, "k")));
        }
    }

    @Test
    void swapAfterAChangeFailsWithAFreshCasHoldingTheNewValue() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "default"));
            i.call("bucket-set", bucket, "k", "old".getBytes(UTF_8));
            long cas = handle(i.call("cas-new", bucket, "k"));
            i.call("cas-current", cas);
            i.call("bucket-set", bucket, "k", "changed".getBytes(UTF_8));
            VariantValue failed = (VariantValue) assertInstanceOf(ResultValue.Err.class, i.call("swap", cas, "mine".getBytes(UTF_8))).value();
            assertEquals("cas-failed", failed.label());
            long fresh = (Long) failed.value();
            assertEquals(Optional.of("changed"), text(i.call("cas-current", fresh)));
            assertEquals(OK, i.call("swap", fresh, "mine".getBytes(UTF_8)));
            assertEquals(Optional.of("mine"), text(i.call("bucket-get", bucket, "k")));
        }
    }

    @Test
    void aCasOutlivesItsBucketAndAFailedSwapStillHandsBackAFreshOne() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "default"));
            long store = handle(i.call("kv-open", "default"));
            i.call("bucket-set", bucket, "k", "old".getBytes(UTF_8));
            long cas = handle(i.call("cas-new", bucket, "k"));
            i.call("cas-current", cas);
            i.call("bucket-drop", bucket);
            i.call("kv-set", store, "k", "changed".getBytes(UTF_8));
            VariantValue failed = (VariantValue) assertInstanceOf(ResultValue.Err.class, i.call("swap", cas, "mine".getBytes(UTF_8))).value();
            assertEquals(Optional.of("changed"), text(i.call("cas-current", (Long) failed.value())));
        }
    }

    @Test
    void swapOnAKeyThatNeverExistedInsertsIt() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "default"));
            long cas = handle(i.call("cas-new", bucket, "fresh"));
            assertEquals(ResultValue.ok(Optional.empty()), i.call("cas-current", cas));
            assertEquals(OK, i.call("swap", cas, "v".getBytes(UTF_8)));
            assertEquals(Optional.of("v"), text(i.call("bucket-get", bucket, "fresh")));
        }
    }

    @Test
    void batchCallsSetGetAndDeleteManyAndGetManyAnswersOnlyPresentKeys() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "default"));
            assertEquals(OK, i.call("set-many", bucket, List.of(List.of("a", "1".getBytes(UTF_8)), List.of("b", "2".getBytes(UTF_8)))));
            List<?> found = (List<?>) ((ResultValue) i.call("get-many", bucket, List.of("b", "missing", "a"))).value();
            assertEquals(2, found.size());
            assertEquals("b", ((List<?>) found.get(0)).get(0));
            assertArrayEquals("2".getBytes(UTF_8), (byte[]) ((Optional<?>) ((List<?>) found.get(0)).get(1)).orElseThrow());
            assertEquals("a", ((List<?>) found.get(1)).get(0));
            assertEquals(OK, i.call("delete-many", bucket, List.of("a", "b")));
            assertEquals(ResultValue.ok(List.of()), i.call("get-many", bucket, List.of("a", "b")));
            assertEquals(ResultValue.ok(List.of()), i.call("get-many", bucket, List.of()));
            assertEquals(OK, i.call("set-many", bucket, List.of()));
        }
    }
}
