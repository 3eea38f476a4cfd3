package dev.spinj.wasm.interfaces;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.spinj.wasm.interfaces.SpinGuest.handle;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.testing.MosquittoFixture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** outbound-guest.c's fermyon:spin/mqtt@2.0.0 calls on {@link SpinInterfaces}, against a real Mosquitto broker. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MqttInterfacesTest {
    private static MosquittoFixture broker;

    private HostServices services;
    private SpinGuest guest;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = MosquittoFixture.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @BeforeEach
    void start() throws Exception {
        LockedComponent component = new LockedComponent("publisher", Map.of("allowed_outbound_hosts",
                List.of("mqtt://127.0.0.1:" + broker.port())), null, Map.of(), List.of(), Map.of());
        LockedApp app = new LockedApp(1, Map.of("name", "mqtt-test", "triggers", Map.of()), Map.of(), List.of(), List.of(component));
        services = HostServices.create(app, Map.of(), HostSettings.defaults());
        guest = new SpinGuest("outbound-guest", services, component);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"at-most-once", "at-least-once", "exactly-once"})
    void aPublishReachesTheBrokerWithItsQos(String qos) throws Exception {
        String client = "v2-" + qos;
        try (var i = guest.instantiate()) {
            long c = handle(i.call("mqtt-open", broker.address(client), "", "", 30L));
            assertEquals(ResultValue.ok(null), i.call("mqtt-publish", c, "spinj/v2", "hi".getBytes(UTF_8), qos));
            broker.awaitLog("Received PUBLISH from " + client + " (d0, q" + List.of("at-most-once", "at-least-once",
                    "exactly-once").indexOf(qos));
        }
    }

    @Test
    void anAddressNotInTheAllowListIsConnectionFailedNotPermitted() {
        try (var i = guest.instantiate()) {
            assertEquals(ResultValue.err(new VariantValue("connection-failed", "address mqtt://127.0.0.1:1?client_id=x is not permitted")),
                    i.call("mqtt-open", "mqtt://127.0.0.1:1?client_id=x", "", "", 30L));
        }
    }

    @Test
    void anAddressWithoutClientIdIsInvalidAddress() {
        try (var i = guest.instantiate()) {
            assertEquals(ResultValue.err(VariantValue.of("invalid-address")),
                    i.call("mqtt-open", "mqtt://127.0.0.1:" + broker.port(), "", "", 30L));
        }
    }

    @Test
    void droppingAConnectionOrEndingTheInstanceDisconnects() throws Exception {
        try (var i = guest.instantiate()) {
            long dropped = handle(i.call("mqtt-open", broker.address("v2-dropped"), "", "", 30L));
            i.call("mqtt-publish", dropped, "spinj/v2", new byte[] {1}, "at-least-once");
            long kept = handle(i.call("mqtt-open", broker.address("v2-kept"), "", "", 30L));
            i.call("mqtt-publish", kept, "spinj/v2", new byte[] {1}, "at-least-once");
            i.call("mqtt-drop", dropped);
            broker.awaitLog("Client v2-dropped disconnected.");
        }
        broker.awaitLog("Client v2-kept disconnected.");
    }
}
