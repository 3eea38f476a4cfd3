package dev.spinj.wasm.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.host.HostServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server outside the component's {@code allowed_outbound_hosts} never gets a connection: each
 * open is refused with its interface's error, and the listening socket the address names has
 * nothing to accept afterwards. (A connect completes the TCP handshake before it returns, so a
 * connection the host made would be waiting in the accept queue by then.)
 */
@Timeout(60)
class OutboundPolicyTest {
    private ServerSocketChannel unlisted;
    private HostServices services;
    private LockedComponent component;

    @BeforeEach
    void start() throws IOException {
        unlisted = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        unlisted.configureBlocking(false);
        component = new LockedComponent("policy", Map.of("allowed_outbound_hosts", List.of("postgres://127.0.0.1:5432")), null,
                Map.of(), List.of(), Map.of());
        services = HostServices.create(new LockedApp(1, Map.of("name", "policy-test", "triggers", Map.of()), Map.of(), List.of(),
                List.of(component)), Map.of(), HostSettings.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        services.close();
        unlisted.close();
    }

    private int port() throws IOException {
        return ((InetSocketAddress) unlisted.getLocalAddress()).getPort();
    }

    private Object open(String guestName, String function, Object... args) throws IOException {
        try (var i = new SpinGuest(guestName, services, component).instantiate()) {
            return i.call(function, args);
        }
    }

    @Test
    void postgresAndMysqlOpensAreRefusedWithoutConnecting() throws IOException {
        assertEquals(ResultValue.err(new VariantValue("connection-failed", "address postgres://127.0.0.1:" + port()
                + " is not permitted")), open("rdbms-guest", "pg2-open", "postgres://postgres@127.0.0.1:" + port() + "/test"));
        assertEquals(ResultValue.err(new VariantValue("connection-failed", "address mysql://127.0.0.1:" + port()
                + " is not permitted")), open("rdbms-guest", "mysql2-open", "mysql://root@127.0.0.1:" + port() + "/test"));
        assertNull(unlisted.accept());
    }

    @Test
    void redisAndMqttOpensAreRefusedWithoutConnecting() throws IOException {
        assertEquals(ResultValue.err(VariantValue.of("invalid-address")),
                open("outbound-guest", "redis-open", "redis://127.0.0.1:" + port()));
        String mqtt = "mqtt://127.0.0.1:" + port() + "?client_id=policy";
        assertEquals(ResultValue.err(new VariantValue("connection-failed", "address " + mqtt + " is not permitted")),
                open("outbound-guest", "mqtt-open", mqtt, "", "", 30L));
        assertNull(unlisted.accept());
    }
}
