package dev.spinj.wasm.services.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A guest's broker address as Spin reads it (rumqttc {@code MqttOptions::parse_url}):
 * {@code mqtt://host[:port]?client_id=id}, the port defaulting to 1883 and the client id
 * required. Other query parameters are accepted and ignored.
 */
public record MqttAddress(String host, int port, String clientId) {
    private static final int DEFAULT_PORT = 1883;

    public static MqttAddress parse(String address) throws OutboundMqttException.InvalidAddress {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new OutboundMqttException.InvalidAddress("invalid MQTT address " + address + ": " + e.getReason());
        }
        if (!"mqtt".equalsIgnoreCase(uri.getScheme())) {
            throw new OutboundMqttException.InvalidAddress("invalid MQTT address " + address + ": the scheme must be mqtt");
        }
        if (uri.getHost() == null) {
            throw new OutboundMqttException.InvalidAddress("invalid MQTT address " + address + ": no host");
        }
        String clientId = queryParameter(uri.getRawQuery(), "client_id");
        if (clientId == null || clientId.isEmpty()) {
            throw new OutboundMqttException.InvalidAddress("invalid MQTT address " + address + ": client_id is missing");
        }
        return new MqttAddress(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), clientId);
    }

    /** What paho connects to. */
    public String serverUri() {
        return "tcp://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
