package dev.spinj.wasm.services.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.DeadlineExceededException;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.http.AllowedOutboundHosts;
import dev.spinj.wasm.testing.MosquittoFixture;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MQTT publisher service against real Mosquitto brokers the test starts. */
class MqttConnectionsTest {
    private static MosquittoFixture broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = MosquittoFixture.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    private static MqttConnections allowing(String... entries) {
        return new MqttConnections(AllowedOutboundHosts.spin2(List.of(entries)));
    }

    @Test
    void aSubscriberReceivesTheMessageOfEachQos() throws Exception {
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        MqttClient subscriber = new MqttClient(broker.serverUri(), "qos-subscriber", new MemoryPersistence());
        subscriber.connect();
        subscriber.subscribe("spinj/qos/#", 2, (topic, message) -> received.add(message));
        try (MqttConnections connections = allowing("mqtt://127.0.0.1:" + broker.port())) {
            MqttConnection connection = connections.open(broker.address("qos-publisher"), "", "", 30);
            for (Qos qos : Qos.values()) {
                connection.publish("spinj/qos/" + qos, ("payload " + qos).getBytes(StandardCharsets.UTF_8), qos);
            }
            for (Qos qos : Qos.values()) {
                MqttMessage message = received.poll(10, TimeUnit.SECONDS);
                assertNotNull(message, "no message with " + qos);
                assertArrayEquals(("payload " + qos).getBytes(StandardCharsets.UTF_8), message.getPayload());
                assertEquals(qos.level(), message.getQos());
            }
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void aDeniedAddressOpensNoConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                MqttConnections connections = allowing("mqtt://127.0.0.1:" + broker.port())) {
            String address = "mqtt://127.0.0.1:" + listener.getLocalPort() + "?client_id=denied";
            OutboundMqttException.ConnectionFailed e = assertThrows(OutboundMqttException.ConnectionFailed.class,
                    () -> connections.open(address, "", "", 30));
            assertEquals("address " + address + " is not permitted", e.getMessage());
            listener.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, listener::accept, "the denied host got a connection");
            assertEquals(0, connections.size());
        }
    }

    @Test
    void anAddressRumqttcCannotReadIsInvalid() {
        try (MqttConnections connections = allowing("mqtt://*:*")) {
            for (String address : List.of("mqtt://127.0.0.1:" + broker.port(), "mqtt://127.0.0.1:1883?client_id=",
                    "mqtt://127.0.0.1:1883/?keep_alive_secs=5")) {
                assertThrows(OutboundMqttException.InvalidAddress.class, () -> connections.open(address, "", "", 30), address);
            }
        }
    }

    @Test
    void wrongCredentialsFailTheConnectionAndRightOnesPublish() throws Exception {
        try (MosquittoFixture guarded = MosquittoFixture.startWithPassword("alice", "secret");
                MqttConnections connections = allowing("mqtt://127.0.0.1:" + guarded.port())) {
            MqttConnection wrong = connections.open(guarded.address("wrong-password"), "alice", "guess", 30);
            OutboundMqttException.ConnectionFailed e = assertThrows(OutboundMqttException.ConnectionFailed.class,
                    () -> wrong.publish("spinj/auth", new byte[] {1}, Qos.AT_LEAST_ONCE));
            assertTrue(e.getMessage().contains("Not authorized"), e.getMessage());
            MqttConnection right = connections.open(guarded.address("right-password"), "alice", "secret", 30);
            right.publish("spinj/auth", new byte[] {1}, Qos.AT_LEAST_ONCE);
            guarded.awaitLog("Received PUBLISH from right-password");
        }
    }

    @Test
    void closingTheInstanceDisconnectsItsConnections() throws Exception {
        // As a binding keeps them: per-instance state of the guest's HostContext, closed with the instance.
        HostContext instance = new HostContext(new LockedComponent("publisher", Map.of(), null, null, null, null),
                WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
        MqttConnections connections = instance.state(MqttConnections.class,
                () -> allowing("mqtt://127.0.0.1:" + broker.port()));
        MqttConnection connection = connections.open(broker.address("closed-with-instance"), "", "", 30);
        connection.publish("spinj/close", new byte[] {1}, Qos.AT_MOST_ONCE);
        broker.awaitLog("as closed-with-instance");

        instance.close();

        broker.awaitLog("Client closed-with-instance disconnected.");
        assertEquals(0, connections.size());
        assertThrows(OutboundMqttException.Other.class, () -> connection.publish("spinj/close", new byte[] {1}, Qos.AT_MOST_ONCE));
    }

    @Test
    void theTableHoldsSpinsNumberOfConnections() throws Exception {
        try (MqttConnections connections = allowing("mqtt://127.0.0.1:" + broker.port())) {
            List<MqttConnection> open = new ArrayList<>();
            for (int i = 0; i < MqttConnections.MAX_CONNECTIONS; i++) {
                open.add(connections.open(broker.address("c" + i), "", "", 30));
            }
            assertThrows(OutboundMqttException.TooManyConnections.class,
                    () -> connections.open(broker.address("one-too-many"), "", "", 30));
            open.get(0).close();
            assertNotNull(connections.open(broker.address("fits-again"), "", "", 30));
        }
    }

    @Test
    void aSilentBrokerCostsTheRequestItsDeadlineOnly() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                MqttConnections connections = allowing("mqtt://127.0.0.1:" + silent.getLocalPort());
                Deadlines deadlines = new Deadlines(Duration.ofMillis(500))) {
            MqttConnection connection = connections.open("mqtt://127.0.0.1:" + silent.getLocalPort() + "?client_id=s", "", "", 30);
            long start = System.nanoTime();
            assertThrows(DeadlineExceededException.class, () -> deadlines.run(() -> {
                try {
                    connection.publish("spinj/silent", new byte[] {1}, Qos.AT_LEAST_ONCE);
                    return null;
                } catch (OutboundMqttException e) {
                    return e;
                }
            }));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "publish outlived its deadline");
            try (Socket accepted = silent.accept()) {
                assertNotNull(accepted); // it did try the broker, which never answered CONNACK
            }
        }
    }
}
