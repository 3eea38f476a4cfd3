package dev.spinj.wasm.interfaces;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.spinj.wasm.interfaces.SpinGuest.handle;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.config.StoreConfig;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.testing.RedisServerFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kv-guest.c's wasi:keyvalue atomics on a store backed by Redis ({@code type = "redis"}): the
 * counter is Redis's own ({@code INCRBY}) and compare-and-swap runs on the server in one step.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisKeyValueInterfacesTest {
    private static RedisServerFixture server;

    private HostServices services;
    private SpinGuest guest;

    @BeforeAll
    static void startServer() throws Exception {
        server = RedisServerFixture.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void start() throws Exception {
        LockedComponent component = new LockedComponent("kv", Map.of("key_value_stores", List.of("cache")), null, Map.of(),
                List.of(), Map.of());
        services = HostServices.create(new LockedApp(0, Map.of("name", "redis-kv-test"), Map.of(), List.of(), List.of(component)),
                Map.of(), HostSettings.defaults().withRuntimeConfig(new RuntimeConfig(null, null,
                        Map.of("cache", new StoreConfig.Redis(server.address())), Map.of(), List.of())));
        guest = new SpinGuest("kv-guest", services, component);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void incrementCountsInRedisDecimalText() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "cache"));
            i.call("bucket-delete", bucket, "spinj:kv:n");
            assertEquals(ResultValue.ok(5L), i.call("increment", bucket, "spinj:kv:n", 5L));
            assertEquals(ResultValue.ok(3L), i.call("increment", bucket, "spinj:kv:n", -2L));
            assertArrayEquals("3".getBytes(UTF_8),
                    (byte[]) ((Optional<?>) ((ResultValue) i.call("bucket-get", bucket, "spinj:kv:n")).value()).orElseThrow());
            i.call("bucket-delete", bucket, "spinj:kv:n");
        }
    }

    @Test
    void swapWritesWhenUnchangedAndFailsWhenAnotherWriterCameFirst() {
        try (var i = guest.instantiate()) {
            long bucket = handle(i.call("bucket-open", "cache"));
            i.call("bucket-set", bucket, "spinj:kv:cas", "old".getBytes(UTF_8));
            long first = handle(i.call("cas-new", bucket, "spinj:kv:cas"));
            i.call("cas-current", first);
            assertEquals(ResultValue.ok(null), i.call("swap", first, "new".getBytes(UTF_8)));
            long second = handle(i.call("cas-new", bucket, "spinj:kv:cas"));
            i.call("cas-current", second);
            i.call("bucket-set", bucket, "spinj:kv:cas", "theirs".getBytes(UTF_8));
            VariantValue failed = (VariantValue) assertInstanceOf(ResultValue.Err.class,
                    i.call("swap", second, "mine".getBytes(UTF_8))).value();
            assertEquals("cas-failed", failed.label());
            assertArrayEquals("theirs".getBytes(UTF_8),
                    (byte[]) ((Optional<?>) ((ResultValue) i.call("bucket-get", bucket, "spinj:kv:cas")).value()).orElseThrow());
            i.call("bucket-delete", bucket, "spinj:kv:cas");
        }
    }
}
