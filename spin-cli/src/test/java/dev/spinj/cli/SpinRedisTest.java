package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.testing.RedisServerFixture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code spin up} of the {@code redis-c} example against a real redis-server, as a user runs it. */
@Timeout(120)
class SpinRedisTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "redis-c").toAbsolutePath().normalize();
    private static RedisServerFixture redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerFixture.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    /** The example's manifest pointed at {@code address}, its wasm referenced in place. */
    private static Path exampleManifest(String address) throws Exception {
        Path dir = Files.createTempDirectory("spin-redis-app");
        String manifest = Files.readString(EXAMPLE.resolve("spin.toml"))
                .replace("redis://127.0.0.1:6379", address)
                .replace("source = \"counter.wasm\"", "source = \"" + EXAMPLE.resolve("counter.wasm") + "\"");
        return Files.writeString(dir.resolve("spin.toml"), manifest);
    }

    @Test
    void upHandlesPublishedMessagesAndExitsZeroOnSigterm() throws Exception {
        Path manifest = exampleManifest(redis.address());
        RedisClient client = RedisClient.create(redis.address());
        try (StatefulRedisConnection<String, String> connection = client.connect();
                SpinProcess spin = SpinProcess.start(manifest.getParent(), Map.of(), "up", "-f", manifest.toString())) {
            spin.awaitStdout("Listening on " + redis.address() + ": messages -> counter\n", Duration.ofSeconds(60));
            connection.sync().del("redis-c:count", "redis-c:last");
            assertEquals(1L, connection.sync().publish("messages", "hello from the test"));
            Instant deadline = Instant.now().plusSeconds(20);
            while (!"hello from the test".equals(connection.sync().get("redis-c:last"))) {
                assertTrue(Instant.now().isBefore(deadline), "the example never stored the message; stderr: " + spin.stderr());
                Thread.sleep(20);
            }
            assertEquals("1", connection.sync().get("redis-c:count"));
            spin.terminate();
            assertEquals(0, spin.exitCode(), spin.stderr());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void upPassesMaxQueuedMessagesToTheRedisTriggerWhichRejectsZero() throws Exception {
        Path manifest = exampleManifest(redis.address());
        try (SpinProcess spin = SpinProcess.start(manifest.getParent(), Map.of(), "up", "-f", manifest.toString(),
                "--max-queued-messages", "0")) {
            assertEquals(1, spin.exitCode(), spin.stderr());
            assertTrue(spin.stderr().contains("--max-queued-messages must be at least 1"), spin.stderr());
        }
    }

    @Test
    void upAgainstAClosedPortFailsNamingTheAddressInsteadOfRetrying() throws Exception {
        Path manifest = exampleManifest("redis://127.0.0.1:1");
        long started = System.nanoTime();
        try (SpinProcess spin = SpinProcess.start(manifest.getParent(), Map.of(), "up", "-f", manifest.toString())) {
            assertEquals(1, spin.exitCode());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(spin.stderr().contains("Error: Redis trigger failed to connect to redis://127.0.0.1:1\n"), spin.stderr());
            // Two JVM starts take seconds on a loaded machine; retrying with backoff would take minutes.
            assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "took " + took);
        }
    }
}
