package dev.spinj.wasm.services.mqtt;

import dev.spinj.wasm.host.http.AllowedOutboundHosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The MQTT connections of one guest instance ({@code fermyon:spin/mqtt@2.0.0}): opened against
 * the component's {@code allowed_outbound_hosts} with scheme {@code mqtt}, at most
 * {@link #MAX_CONNECTIONS} at a time (Spin's table size), all closed with the instance.
 */
public final class MqttConnections implements AutoCloseable {
    public static final int MAX_CONNECTIONS = 1024;

    private final AllowedOutboundHosts allowed;
    private final Set<MqttConnection> open = new LinkedHashSet<>();

    public MqttConnections(AllowedOutboundHosts allowed) {
        this.allowed = allowed;
    }

    /**
     * Spin's order: the policy first ({@code connection-failed("address … is not permitted")}),
     * then the address's form ({@code invalid-address}). No socket is opened here.
     */
    public synchronized MqttConnection open(String address, String username, String password, long keepAliveSecs)
            throws OutboundMqttException {
        if (!permitted(address)) {
            throw new OutboundMqttException.ConnectionFailed("address " + address + " is not permitted");
        }
        MqttAddress parsed = MqttAddress.parse(address);
        if (open.size() >= MAX_CONNECTIONS) {
            throw new OutboundMqttException.TooManyConnections(MAX_CONNECTIONS);
        }
        MqttConnection connection = new MqttConnection(parsed, username, password, keepAliveSecs, this);
        open.add(connection);
        return connection;
    }

    /** How many connections are open (not yet closed by the guest or the instance). */
    public synchronized int size() {
        return open.size();
    }

    /** As Spin's {@code check_url(address, "mqtt")}: a scheme-less address is read as {@code mqtt://…}; unreadable is denied. */
    private boolean permitted(String address) {
        URI url = url(address);
        if (url == null || url.getHost() == null) {
            url = url("mqtt://" + address);
        }
        return url != null && url.getHost() != null && allowed.allows(url);
    }

    private static URI url(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    synchronized void forget(MqttConnection connection) {
        open.remove(connection);
    }

    @Override
    public void close() {
        List<MqttConnection> all;
        synchronized (this) {
            all = new ArrayList<>(open);
        }
        all.forEach(MqttConnection::close);
    }
}
