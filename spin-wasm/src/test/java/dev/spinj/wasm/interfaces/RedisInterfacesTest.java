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
import dev.spinj.loader.lock.LockedVariable;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.testing.RedisServerFixture;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** outbound-guest.c's fermyon:spin/redis@2.0.0 calls on {@link SpinInterfaces}, against a real Redis server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisInterfacesTest {
    private static final ResultValue OK = ResultValue.ok(null);
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
        LockedComponent component = new LockedComponent("cache", Map.of("allowed_outbound_hosts",
                List.of(server.address(), "redis://127.0.0.1:1")), null, Map.of(), List.of(), Map.of());
        LockedApp app = new LockedApp(1, Map.of("name", "redis-test", "triggers", Map.of()), Map.of(), List.of(), List.of(component));
        services = HostServices.create(app, Map.of(), HostSettings.defaults());
        guest = new SpinGuest("outbound-guest", services, component);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void theTypedCommandsAnswerAsSpinDoes() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("redis-open", server.address()));
            assertEquals(OK, i.call("redis-set", c, "spinj:v2:k", b("v")));
            Optional<?> value = (Optional<?>) ((ResultValue) i.call("redis-get", c, "spinj:v2:k")).value();
            assertArrayEquals(b("v"), (byte[]) value.orElseThrow());
            assertEquals(ResultValue.ok(Optional.empty()), i.call("redis-get", c, "spinj:v2:missing"));
            assertEquals(ResultValue.ok(1L), i.call("redis-incr", c, "spinj:v2:n"));
            assertEquals(ResultValue.ok(2L), i.call("redis-del", c, List.of("spinj:v2:k", "spinj:v2:n", "spinj:v2:missing")));
            assertEquals(ResultValue.ok(2L), i.call("redis-sadd", c, "spinj:v2:s", List.of("a", "b")));
            assertEquals(Set.of("a", "b"), new HashSet<>((List<?>) ((ResultValue) i.call("redis-smembers", c, "spinj:v2:s")).value()));
            assertEquals(ResultValue.ok(1L), i.call("redis-srem", c, "spinj:v2:s", List.of("a", "z")));
            assertEquals(OK, i.call("redis-publish", c, "spinj:v2:channel", b("hello")));
            i.call("redis-del", c, List.of("spinj:v2:s"));
        }
    }

    @Test
    void executeFlattensRepliesDroppingOkAndNil() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("redis-open", server.address()));
            assertEquals(ResultValue.ok(List.of(new VariantValue("status", "PONG"))), i.call("redis-execute", c, "PING", List.of()));
            assertEquals(ResultValue.ok(List.of()), i.call("redis-execute", c, "SET",
                    List.of(new VariantValue("binary", b("spinj:v2:x")), new VariantValue("int64", 40L))));
            assertEquals(ResultValue.ok(List.of(new VariantValue("int64", 42L))), i.call("redis-execute", c, "INCRBY",
                    List.of(new VariantValue("binary", b("spinj:v2:x")), new VariantValue("int64", 2L))));
            List<?> got = (List<?>) ((ResultValue) i.call("redis-execute", c, "GET",
                    List.of(new VariantValue("binary", b("spinj:v2:x"))))).value();
            assertEquals("binary", ((VariantValue) got.get(0)).label());
            assertArrayEquals(b("42"), (byte[]) ((VariantValue) got.get(0)).value());
            i.call("redis-del", c, List.of("spinj:v2:x"));
        }
    }

    @Test
    void anAddressNotInTheAllowListIsInvalidAddress() {
        try (var i = guest.instantiate()) {
            assertEquals(ResultValue.err(VariantValue.of("invalid-address")), i.call("redis-open", "redis://127.0.0.1:2"));
        }
    }

    /** The app's one outbound policy: templates in {@code allowed_outbound_hosts} are resolved, as for every protocol. */
    @Test
    void anAllowListEntryMayBeAVariableTemplate() throws Exception {
        LockedComponent templated = new LockedComponent("templated", Map.of("allowed_outbound_hosts",
                List.of("redis://127.0.0.1:{{ redis_port }}")), null, Map.of(), List.of(), Map.of());
        LockedApp app = new LockedApp(1, Map.of("name", "redis-template-test", "triggers", Map.of()),
                Map.of("redis_port", new LockedVariable(String.valueOf(server.port()), null)), List.of(), List.of(templated));
        try (HostServices withTemplate = HostServices.create(app, Map.of(), HostSettings.defaults());
                var i = new SpinGuest("outbound-guest", withTemplate, templated).instantiate()) {
            long c = handle(i.call("redis-open", server.address()));
            assertEquals(ResultValue.ok(Optional.empty()), i.call("redis-get", c, "spinj:v2:never-set"));
        }
    }

    @Test
    void anUnreachableServerFailsOpenWithOther() {
        try (var i = guest.instantiate()) {
            VariantValue error = (VariantValue) assertInstanceOf(ResultValue.Err.class,
                    i.call("redis-open", "redis://127.0.0.1:1")).value();
            assertEquals("other", error.label());
        }
    }

    @Test
    void aSetMemberThatIsNotUtf8IsTypeError() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("redis-open", server.address()));
            i.call("redis-execute", c, "SADD", List.of(new VariantValue("binary", b("spinj:v2:bad")),
                    new VariantValue("binary", new byte[] {(byte) 0xff})));
            assertEquals(ResultValue.err(VariantValue.of("type-error")), i.call("redis-smembers", c, "spinj:v2:bad"));
            i.call("redis-del", c, List.of("spinj:v2:bad"));
        }
    }

    /** A {@code MULTI} left open queues nothing of the next instance's commands. */
    @Test
    void aTransactionLeftOpenDoesNotReachTheNextInstance() {
        try (var i = guest.instantiate()) {
            long c = handle(i.call("redis-open", server.address()));
            i.call("redis-execute", c, "MULTI", List.of());
            assertEquals(ResultValue.ok(List.of(new VariantValue("status", "QUEUED"))), i.call("redis-execute", c, "SET",
                    List.of(new VariantValue("binary", b("spinj:v2:multi")), new VariantValue("binary", b("queued")))));
        }
        try (var i = guest.instantiate()) {
            long c = handle(i.call("redis-open", server.address()));
            assertEquals(ResultValue.ok(List.of(new VariantValue("int64", 1L))), i.call("redis-execute", c, "INCR",
                    List.of(new VariantValue("binary", b("spinj:v2:multi")))), "answered now, not queued; the SET never ran");
            i.call("redis-del", c, List.of("spinj:v2:multi"));
        }
    }

    /** A {@code SELECT} holds for the connection that ran it, and for no other or later one. */
    @Test
    void aDatabaseSelectedByExecuteStaysWithItsConnection() {
        try (var i = guest.instantiate()) {
            long selecting = handle(i.call("redis-open", server.address()));
            long other = handle(i.call("redis-open", server.address()));
            i.call("redis-execute", selecting, "SELECT", List.of(new VariantValue("int64", 5L)));
            i.call("redis-execute", selecting, "SET", List.of(new VariantValue("binary", b("spinj:v2:db5")),
                    new VariantValue("binary", b("in 5"))));
            assertEquals(ResultValue.ok(List.of()), i.call("redis-execute", other, "GET",
                    List.of(new VariantValue("binary", b("spinj:v2:db5")))), "nil is dropped by flattening");
        }
        try (var i = guest.instantiate()) {
            long c = handle(i.call("redis-open", server.address()));
            assertEquals(ResultValue.ok(List.of()), i.call("redis-execute", c, "GET",
                    List.of(new VariantValue("binary", b("spinj:v2:db5")))));
            i.call("redis-execute", c, "SELECT", List.of(new VariantValue("int64", 5L)));
            i.call("redis-execute", c, "DEL", List.of(new VariantValue("binary", b("spinj:v2:db5"))));
        }
    }
}
