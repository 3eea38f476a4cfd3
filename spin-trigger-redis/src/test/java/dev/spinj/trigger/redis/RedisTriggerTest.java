package dev.spinj.trigger.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.stdio.ComponentLogs;
import dev.spinj.wasm.testing.RedisServerFixture;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Redis trigger and outbound Redis against a real redis-server, with C guests built in both
 * ABI flavours ({@code apps/redis-probe}: component {@code probe-a} on channel {@code probe-a} is
 * flavour A, {@code probe-b} flavour B).
 */
@Timeout(120)
class RedisTriggerTest {
    private static final AtomicInteger TEST_ID = new AtomicInteger();
    private static RedisServerFixture redis;
    private static RedisClient client;
    private static StatefulRedisConnection<byte[], byte[]> connection;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerFixture.start();
        client = RedisClient.create(redis.address());
        connection = client.connect(ByteArrayCodec.INSTANCE);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        connection.close();
        client.shutdown();
        redis.close();
    }

    private static RedisCommands<byte[], byte[]> redis() {
        return connection.sync();
    }

    private static String newPrefix() {
        return "spinj-test-" + ProcessHandle.current().pid() + "-" + TEST_ID.incrementAndGet() + ":";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits until {@code <prefix>last} holds {@code expected}. */
    private static void awaitLast(String prefix, byte[] expected) throws InterruptedException {
        TriggerHarness.await(() -> Arrays.equals(expected, redis().get(utf8(prefix + "last"))),
                () -> "the guest never stored the payload under " + prefix + "last");
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe-a", "probe-b"})
    void publishedMessageRunsTheGuestWhoseOutboundSetIsVisible(String channel) throws Exception {
        String prefix = newPrefix();
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            redis().publish(utf8(channel), utf8("hello " + channel));
            awaitLast(prefix, utf8("hello " + channel));
            assertEquals("1", new String(redis().get(utf8(prefix + "count")), StandardCharsets.UTF_8));
        }
    }

    @Test
    void startupPrintsOneListeningLinePerChannel() throws Exception {
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), newPrefix())) {
            assertEquals("Listening on " + redis.address() + ": probe-a -> probe-a\n"
                    + "Listening on " + redis.address() + ": probe-b -> probe-b\n", app.startupOutput());
        }
    }

    @Test
    void spin1AppHandsAChannelToItsLastComponentOnly() throws Exception {
        try (CapturedStderr log = new CapturedStderr();
                TriggerHarness app = TriggerHarness.start("redis-probe-same-channel", redis.address(), newPrefix())) {
            assertEquals("Listening on " + redis.address() + ": same -> probe-b\n", app.startupOutput());
            log.await("Channel same on " + redis.address() + " is handled by both 'probe-a' and 'probe-b'; using 'probe-b'");
        }
    }

    @Test
    void oneMebibytePayloadArrivesIntact() throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(42).nextBytes(payload);
        String prefix = newPrefix();
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            redis().publish(utf8("probe-a"), payload);
            awaitLast(prefix, payload);
        }
    }

    @Test
    void payloadWithZeroBytesInsideArrivesIntact() throws Exception {
        byte[] payload = {'a', 0, 0, 'b', 0, (byte) 0xff, 0};
        String prefix = newPrefix();
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            redis().publish(utf8("probe-b"), payload);
            awaitLast(prefix, payload);
        }
    }

    @Test
    void messagesOnOneChannelAreHandledInArrivalOrder() throws Exception {
        String prefix = newPrefix();
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            for (int i = 1; i <= 20; i++) {
                redis().publish(utf8("probe-a"), utf8("message " + i));
            }
            TriggerHarness.await(() -> "20".equals(string(redis().get(utf8(prefix + "count")))),
                    () -> "not all 20 messages were handled");
            // the guest counts before it stores: the last message's SET may still be on its way
            awaitLast(prefix, utf8("message 20"));
        }
    }

    @Test
    void goStyleErrSuccessCountsAsSuccess() throws Exception {
        try (TriggerHarness app = TriggerHarness.prepare("redis-probe", redis.address(), newPrefix())) {
            RedisMessageExecutor executor = new RedisMessageExecutor(app.wasm.prepare("probe-a"), silentLogs(), new Deadlines(Duration.ZERO));
            assertTrue(executor.execute(utf8("go-ok")));
        }
    }

    @Test
    void errErrorCountsAsFailure() throws Exception {
        try (TriggerHarness app = TriggerHarness.prepare("redis-probe", redis.address(), newPrefix())) {
            RedisMessageExecutor executor = new RedisMessageExecutor(app.wasm.prepare("probe-b"), silentLogs(), new Deadlines(Duration.ZERO));
            assertFalse(executor.execute(utf8("fail")));
        }
    }

    @Test
    void trappingGuestIsLoggedWithItsComponentAndTheNextMessageIsHandled() throws Exception {
        String prefix = newPrefix();
        try (CapturedStderr log = new CapturedStderr();
                TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            redis().publish(utf8("probe-a"), utf8("trap"));
            redis().publish(utf8("probe-a"), utf8("after the trap"));
            awaitLast(prefix, utf8("after the trap"));
            log.await("Component probe-a handler failed: a message on " + redis.address() + " channel probe-a: ");
        }
    }

    @Test
    void runawayGuestIsInterruptedAtTheMessageDeadlineAndTheNextMessageIsHandled() throws Exception {
        String prefix = newPrefix();
        try (CapturedStderr log = new CapturedStderr();
                TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            redis().publish(utf8("probe-a"), utf8("loop"));
            redis().publish(utf8("probe-a"), utf8("after the loop"));
            awaitLast(prefix, utf8("after the loop"));
            log.await("Component probe-a handler failed: a message on " + redis.address() + " channel probe-a exceeded the time limit of "
                    + TriggerHarness.MESSAGE_TIMEOUT.toMillis() + " ms and was interrupted");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"probe-a", "probe-b"})
    void everyOutboundFunctionRoundTrips(String channel) throws Exception {
        String prefix = newPrefix();
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            redis().publish(utf8(channel), utf8("outbound"));
            app.awaitGuestOutput("end\n");
            assertEquals(String.join("\n",
                    "set=0",
                    "get=a\\x00b\\xff",
                    "get-missing=0",
                    "incr=0:2",
                    "sadd=0:3",
                    "srem=0:1",
                    "smembers=x,z",
                    "del=0:2",
                    "publish=0",
                    "exec-set=[]",
                    "exec-get=[b:42]",
                    "exec-nil=[]",
                    "exec-incrby=[i:-8]",
                    "exec-ping=[s:PONG]",
                    "exec-rpush=[i:2]",
                    "exec-lrange=[b:a\\x00b b:7]",
                    "exec-eval=[i:1 b:a i:2 s:FINE b:OK]",
                    "exec-unknown=error",
                    "end", ""), app.guestOutput());
        }
    }

    @Test
    void triggerReconnectsAfterTheServerRestartsAndHandlesTheNextMessage() throws Exception {
        assertTrue(redis.canRestart(), "restarting the server needs redis-server on PATH (apt-get install redis-server)");
        String prefix = newPrefix();
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            redis.stop();
            redis.restart();
            // PUBLISH answers how many subscribers got the message: 1 once the trigger resubscribed
            TriggerHarness.await(() -> redis().publish(utf8("probe-a"), utf8("after restart")) == 1,
                    () -> "the trigger never resubscribed after the restart");
            awaitLast(prefix, utf8("after restart"));
        }
    }

    @Test
    void startupAgainstAClosedPortFailsNamingTheAddressWithinTenSeconds() throws Exception {
        String closed = "redis://127.0.0.1:1";
        try (TriggerHarness app = TriggerHarness.prepare("redis-probe", closed, newPrefix())) {
            long started = System.nanoTime();
            RedisConnectException e = assertThrows(RedisConnectException.class,
                    () -> app.trigger.start(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            assertEquals("Redis trigger failed to connect to " + closed, e.getMessage());
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "took longer than 10 s");
        }
    }

    @Test
    void v2TriggerAddressOverridesTheAppAddress() throws Exception {
        String prefix = newPrefix();
        try (TriggerHarness app = TriggerHarness.start("redis-probe-v2", redis.address(), prefix)) {
            redis().publish(utf8("probe-v2"), utf8("v2 message"));
            awaitLast(prefix, utf8("v2 message"));
        }
    }

    @Test
    void v2ComponentGetsTheErrorVariantForAnAddressMissingFromAllowedOutboundHosts() throws Exception {
        // the same server under another name: reachable, but not listed
        String unlisted = "redis://localhost:" + redis.port();
        try (CapturedStderr log = new CapturedStderr();
                TriggerHarness app = TriggerHarness.start("redis-probe-v2", redis.address(), newPrefix())) {
            redis().publish(utf8("probe-v2"), utf8("denied " + unlisted));
            app.awaitGuestOutput("denied: ");
            assertEquals("denied: set=-1 get=-1\n", app.guestOutput());
            log.await("Component probe: outbound Redis set to " + unlisted + " denied");
        }
    }

    @Test
    void floodBeyondTheQueueIsDroppedWithAWarningAndALaterMessageIsStillHandled() throws Exception {
        int queue = 100;
        int flood = 200_000;
        String prefix = newPrefix();
        String log;
        try (CapturedStderr stderr = new CapturedStderr()) {
            try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix, busyGuestOptions(queue))) {
                holdTheChannel(prefix);
                publishFlood("probe-a", flood);
                // probe-b shares the subscription's connection: once its message ran, the whole flood has met probe-a's queue
                redis().publish(utf8("probe-b"), utf8("echo after the flood"));
                app.awaitGuestOutput("echo after the flood\n");
                redis().set(utf8(prefix + "gate"), utf8("open"));
                TriggerHarness.await(() -> String.valueOf(queue).equals(string(redis().get(utf8(prefix + "count")))),
                        () -> "the queued messages never ran");
                redis().publish(utf8("probe-a"), utf8("echo later"));
                app.awaitGuestOutput("echo later\n");
                assertEquals(String.valueOf(queue), string(redis().get(utf8(prefix + "count"))), "only the queue's worth of the flood ran");
            }
            log = stderr.text();
        }
        Matcher warnings = Pattern.compile("Dropped (\\d+) messages on " + Pattern.quote(redis.address())
                + " channel probe-a: " + queue + " messages were already waiting").matcher(log);
        long dropped = 0;
        while (warnings.find()) {
            dropped += Long.parseLong(warnings.group(1));
        }
        assertEquals(flood - queue, dropped, "the warnings count every dropped message:\n" + log);
    }

    @Test
    void stopWhileTheGuestIsBusyDropsTheQueuedMessagesAndInterruptsItPromptly() throws Exception {
        int queue = 100;
        String prefix = newPrefix();
        try (CapturedStderr log = new CapturedStderr();
                TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix, busyGuestOptions(queue))) {
            holdTheChannel(prefix);
            publishFlood("probe-a", 1000);
            log.await("channel probe-a: " + queue + " messages were already waiting");
            long started = System.nanoTime();
            app.trigger.stop(1, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "stop took " + took);
            log.await("Dropped " + queue + " queued messages on " + redis.address() + " channel probe-a: the trigger is stopping");
            // the held guest was interrupted, not left to run the queue once the gate opens
            log.await("Component probe-a handler failed: a message on " + redis.address() + " channel probe-a: ");
            redis().set(utf8(prefix + "gate"), utf8("open"));
            Thread.sleep(500);
            assertEquals(null, redis().get(utf8(prefix + "count")));
        }
    }

    @Test
    void stopReturnsWithinItsGraceWhileRedisIsPaused() throws Exception {
        Duration pause = Duration.ofSeconds(4);
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), newPrefix())) {
            redis().clientPause(pause.toMillis());
            long started = System.nanoTime();
            app.trigger.stop(1, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // wait the pause out, so that the next test finds Redis answering
            Thread.sleep(Math.max(0, pause.minus(took).toMillis()));
            assertTrue(took.compareTo(pause.minusSeconds(1)) < 0, "stop took " + took + " of a " + pause + " pause");
        }
    }

    @Test
    void executeSessionStateOfOneMessageIsInvisibleToTheNext() throws Exception {
        String prefix = newPrefix();
        try (TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix)) {
            redis().publish(utf8("probe-a"), utf8("dirty-session"));
            app.awaitGuestOutput("dirty-multi=");
            redis().publish(utf8("probe-a"), utf8("clean-session"));
            app.awaitGuestOutput("clean-incr=");
            // a third message reuses the pooled connection of the second
            redis().publish(utf8("probe-b"), utf8("clean-session"));
            app.awaitGuestOutput("clean-incr=[i:2]");
            assertEquals(String.join("\n",
                    "dirty-select=[]",
                    "dirty-multi=[]",
                    "clean-set=[]",
                    "clean-get=[b:clean]",
                    "clean-incr=[i:1]",
                    "clean-set=[]",
                    "clean-get=[b:clean]",
                    "clean-incr=[i:2]", ""), app.guestOutput());
            assertEquals("clean", string(redis().get(utf8(prefix + "session"))), "written to database 0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hang-execute", "hang-get"})
    void outboundCallToAServerThatNeverAnswersEndsAtTheMessageDeadline(String probe) throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        String prefix = newPrefix();
        // the kernel completes connections in the backlog; nobody ever reads or answers them
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                CapturedStderr log = new CapturedStderr();
                TriggerHarness app = TriggerHarness.start("redis-probe", redis.address(), prefix,
                        TriggerHarness.OPTIONS.withMessageTimeout(deadline))) {
            long started = System.nanoTime();
            redis().publish(utf8("probe-a"), utf8(probe + " redis://127.0.0.1:" + silent.getLocalPort()));
            redis().publish(utf8("probe-a"), utf8("after the hang"));
            awaitLast(prefix, utf8("after the hang"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(deadline.multipliedBy(4)) < 0, "the next message waited " + took);
            // Which ends the wait is a race, both bounded by the deadline: the interrupt (the message
            // is stopped) or the host call's own timeout, set from the time left (the guest gets an error).
            String interrupted = "Component probe-a handler failed: a message on " + redis.address() + " channel probe-a exceeded the time limit of "
                    + deadline.toMillis() + " ms and was interrupted";
            String timedOut = "on redis://127.0.0.1:" + silent.getLocalPort() + " failed: Redis did not answer within ";
            TriggerHarness.await(() -> log.text().contains(interrupted) || log.text().contains(timedOut),
                    () -> "neither the deadline nor the call's timeout ended the hang:\n" + log.text());
        }
    }

    /** A deadline long enough for "hold" to outlast a flood, and a short queue. */
    private static RedisTriggerOptions busyGuestOptions(int queue) {
        return TriggerHarness.OPTIONS.withMessageTimeout(Duration.ofSeconds(60)).withMaxQueuedMessages(queue);
    }

    /** Keeps channel probe-a's guest busy until the test sets {@code <prefix>gate}. */
    private static void holdTheChannel(String prefix) throws InterruptedException {
        redis().publish(utf8("probe-a"), utf8("hold"));
        TriggerHarness.await(() -> redis().get(utf8(prefix + "holding")) != null, () -> "the guest never started holding");
    }

    /** Publishes {@code count} default-effect messages as fast as Redis takes them, pipelined on a connection of its own. */
    private static void publishFlood(String channel, int count) {
        try (StatefulRedisConnection<byte[], byte[]> flooder = client.connect(ByteArrayCodec.INSTANCE)) {
            flooder.setAutoFlushCommands(false);
            List<RedisFuture<Long>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sent.add(flooder.async().publish(utf8(channel), utf8("m" + i)));
                if (i % 1000 == 999) {
                    flooder.flushCommands();
                }
            }
            flooder.flushCommands();
            assertTrue(LettuceFutures.awaitAll(Duration.ofSeconds(60), sent.toArray(new RedisFuture<?>[0])), "the flood was not published");
        }
    }

    private static String string(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static ComponentLogs silentLogs() {
        return new ComponentLogs(null, true, Set.of(), System.out, System.err);
    }
}
