package dev.spinj.wasm.services.mqtt;

import dev.spinj.wasm.Deadlines;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One guest's {@code mqtt.connection}. Like Spin (rumqttc's event loop connects on first poll)
 * opening only records the options: the broker is contacted by the first {@link #publish}, and a
 * connection that failed or was lost is tried again by the next one. Every wait is bounded by the
 * guest's deadline ({@link Deadlines#remaining()}), at most {@link #WITHOUT_DEADLINE}.
 */
public final class MqttConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    /** Without a deadline a wait still ends: paho's own default connection timeout. */
    private static final Duration WITHOUT_DEADLINE = Duration.ofSeconds(30);
    /** The MQTT keep-alive field is 16 bits. */
    private static final long MAX_KEEP_ALIVE_SECS = 65_535;
    private static final long CLOSE_WAIT_MILLIS = 1_000;

    private final MqttAddress address;
    private final MqttConnectOptions options;
    private final MqttConnections owner;
    private MqttAsyncClient client;
    private boolean closed;

    MqttConnection(MqttAddress address, String username, String password, long keepAliveSecs, MqttConnections owner) {
        this.address = address;
        this.owner = owner;
        options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) Math.min(Math.max(keepAliveSecs, 0), MAX_KEEP_ALIVE_SECS));
        // MQTT 3.1.1 allows no password without a user name; an empty user name means anonymous.
        if (!username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
    }

    /**
     * Publishes and waits as Spin does: QoS 0 until the message is written, QoS 1 until PUBACK,
     * QoS 2 until PUBCOMP.
     */
    public synchronized void publish(String topic, byte[] payload, Qos qos) throws OutboundMqttException {
        if (closed) {
            throw new OutboundMqttException.Other("the MQTT connection to " + address.serverUri() + " is closed");
        }
        MqttAsyncClient connected = connected();
        try {
            await(connected.publish(topic, payload, qos.level(), false), "publish to " + topic);
        } catch (IllegalArgumentException e) {
            throw new OutboundMqttException.Other("cannot publish to topic \"" + topic + "\": " + e.getMessage());
        } catch (MqttException e) {
            if (!connected.isConnected()) {
                abandon();
                throw new OutboundMqttException.ConnectionFailed(describe(e));
            }
            throw new OutboundMqttException.Other(describe(e));
        }
    }

    private MqttAsyncClient connected() throws OutboundMqttException {
        if (client != null && client.isConnected()) {
            return client;
        }
        abandon();
        try {
            client = new MqttAsyncClient(address.serverUri(), address.clientId(), new MemoryPersistence());
            long waitMillis = waitMillis();
            options.setConnectionTimeout((int) Math.max(1, (waitMillis + 999) / 1000));
            await(client.connect(options), "connect to " + address.serverUri());
            return client;
        } catch (MqttException e) {
            abandon();
            throw new OutboundMqttException.ConnectionFailed(describe(e));
        } catch (OutboundMqttException e) {
            abandon(); // timed out or interrupted: the attempt must not go on connecting behind the guest
            // A connect that timed out is a failed connection; an interrupted one is the deadline's doing.
            throw Thread.currentThread().isInterrupted() ? e : new OutboundMqttException.ConnectionFailed(e.getMessage());
        }
    }

    /** Waits for a token within the deadline; an interrupt (the deadline fired) stays set on the thread. */
    private static void await(IMqttToken token, String what) throws MqttException, OutboundMqttException {
        long waitMillis = waitMillis();
        try {
            token.waitForCompletion(waitMillis);
        } catch (MqttException e) {
            if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                throw new OutboundMqttException.Other("interrupted while waiting to " + what);
            }
            if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                throw new OutboundMqttException.Other("the MQTT broker did not answer within " + waitMillis + " ms to "
                        + what);
            }
            throw e;
        }
    }

    /** What is left of the guest's deadline; paho reads 0 as "forever", so at least 1 ms. */
    private static long waitMillis() {
        return Deadlines.remainingAtMost(WITHOUT_DEADLINE).toMillis();
    }

    private static String describe(MqttException e) {
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null ? e.getMessage() : e.getMessage() + ": " + cause.getMessage();
    }

    /** Drops the paho client (failed, lost, timed out): a late connect must not outlive it. */
    private void abandon() {
        if (client == null) {
            return;
        }
        MqttAsyncClient dropped = client;
        client = null;
        // paho's waits swallow an interrupt; the deadline's must survive this clean-up.
        boolean interrupted = Thread.interrupted();
        try {
            if (!interrupted && dropped.isConnected()) {
                dropped.disconnect(0).waitForCompletion(CLOSE_WAIT_MILLIS);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT client {}: disconnect failed: {}", address.clientId(), e.toString());
        }
        try {
            dropped.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT client {}: close failed: {}", address.clientId(), e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Disconnects from the broker; the guest's later calls on this connection fail. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        abandon();
        owner.forget(this);
    }
}
