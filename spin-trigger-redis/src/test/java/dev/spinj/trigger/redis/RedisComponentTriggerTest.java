package dev.spinj.trigger.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.stdio.ComponentLogs;
import dev.spinj.wasm.testing.RedisServerFixture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Redis trigger running Spin 2+ guests against a real redis-server. {@code apps/redis-component}
 * holds one guest in both Spin 2+ shapes, each on the channel named after it: {@code echo}, a WAT
 * component exporting {@code fermyon:spin/inbound-redis}, and {@code echo-core}, a core module with
 * a component-type section as Rust SDK 2.x-5.x builds ship. Its handle-message writes the payload
 * to stdout and answers ok, err(error), err(success), a trap or an endless loop by the payload's
 * first word. {@code apps/redis-component-exports} holds components the trigger refuses.
 */
@Timeout(120)
class RedisComponentTriggerTest {
    private static final String APP = "redis-component";
    /** The component in the component shape; tests of every shape run on each of these (channel = component id). */
    private static final String COMPONENT = "echo";
    private static RedisServerFixture redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerFixture.start();
        client = RedisClient.create(redis.address());
        connection = client.connect();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        connection.close();
        client.shutdown();
        redis.close();
    }

    private static RedisCommands<String, String> redis() {
        return connection.sync();
    }

    private static void awaitStdout(TriggerHarness app, String component, String expected) throws InterruptedException {
        TriggerHarness.await(() -> stdout(app, component).equals(expected),
                () -> "the stdout log of " + component + " is not '" + expected + "' but '" + stdout(app, component) + "'");
    }

    private static String stdout(TriggerHarness app, String component) {
        try {
            return app.stdoutLog(component);
        } catch (IOException e) {
            throw new AssertionError("cannot read the stdout log of " + component, e);
        }
    }

    private static String failure(String component, String why) {
        return "Component " + component + " handler failed: a message on " + redis.address() + " channel " + component + why;
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "echo-core"})
    void messagesOnTheChannelAreHandledInArrivalOrder(String component) throws Exception {
        String messages = IntStream.rangeClosed(1, 20).mapToObj(i -> "message " + i + "\n").collect(Collectors.joining());
        try (TriggerHarness app = TriggerHarness.start(APP, redis.address(), "")) {
            IntStream.rangeClosed(1, 20).forEach(i -> redis().publish(component, "message " + i + "\n"));
            awaitStdout(app, component, messages);
        }
    }

    @Test
    void startupPrintsEachComponentsChannel() throws Exception {
        try (TriggerHarness app = TriggerHarness.start(APP, redis.address(), "")) {
            assertEquals("Listening on " + redis.address() + ": echo -> echo\n"
                    + "Listening on " + redis.address() + ": echo-core -> echo-core\n", app.startupOutput());
        }
    }

    @Test
    void everyComponentOfAChannelHandlesEachMessageInOrder() throws Exception {
        try (TriggerHarness app = TriggerHarness.start("redis-component-fanout", redis.address(), "")) {
            assertEquals("Listening on " + redis.address() + ": shared -> echo\n"
                    + "Listening on " + redis.address() + ": shared -> echo-core\n", app.startupOutput());
            for (String message : new String[] {"one\n", "two\n", "three\n"}) {
                assertEquals(1, redis().publish("shared", message), "one subscription serves both components");
            }
            awaitStdout(app, "echo", "one\ntwo\nthree\n");
            awaitStdout(app, "echo-core", "one\ntwo\nthree\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "echo-core"})
    void errErrorIsLoggedAndTheNextMessageIsHandled(String component) throws Exception {
        assertFailureIsLoggedAndTheNextMessageHandled(component, "fail", TriggerHarness.OPTIONS,
                ": Redis handler returned an error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "echo-core"})
    void trapIsLoggedAndTheNextMessageIsHandled(String component) throws Exception {
        assertFailureIsLoggedAndTheNextMessageHandled(component, "trap", TriggerHarness.OPTIONS,
                ": component '" + component + "' failed in 'fermyon:spin/inbound-redis#handle-message': ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "echo-core"})
    void deadlineInterruptsALoopingGuestAndTheNextMessageIsHandled(String component) throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        assertFailureIsLoggedAndTheNextMessageHandled(component, "loop", TriggerHarness.OPTIONS.withMessageTimeout(deadline),
                " exceeded the time limit of " + deadline.toMillis() + " ms and was interrupted");
    }

    /** Publishes {@code payload} and a message after it: both reach the guest in order, and the first one's failure is logged. */
    private static void assertFailureIsLoggedAndTheNextMessageHandled(String component, String payload, RedisTriggerOptions options,
            String why) throws Exception {
        try (CapturedStderr log = new CapturedStderr();
                TriggerHarness app = TriggerHarness.start(APP, redis.address(), "", options)) {
            redis().publish(component, payload + "\n");
            redis().publish(component, "after " + payload + "\n");
            awaitStdout(app, component, payload + "\nafter " + payload + "\n");
            log.await(failure(component, why));
        }
    }

    @Test
    void triggerReconnectsAfterTheServerRestartsAndHandlesTheNextMessage() throws Exception {
        assertTrue(redis.canRestart(), "restarting the server needs redis-server on PATH (apt-get install redis-server)");
        try (TriggerHarness app = TriggerHarness.start(APP, redis.address(), "")) {
            redis().publish("echo", "before restart\n");
            awaitStdout(app, COMPONENT, "before restart\n");
            redis.stop();
            redis.restart();
            // PUBLISH answers how many subscribers got the message: 1 once the trigger resubscribed
            TriggerHarness.await(() -> redis().publish("echo", "after restart\n") == 1,
                    () -> "the trigger never resubscribed after the restart");
            awaitStdout(app, COMPONENT, "before restart\nafter restart\n");
        }
    }

    @Test
    void templatedTriggerAddressAndChannelResolveWithTheAppsVariables() throws Exception {
        try (TriggerHarness app = TriggerHarness.start("redis-component-templates", redis.address(), "")) {
            assertEquals("Listening on " + redis.address() + ": templated-events -> echo\n", app.startupOutput());
            redis().publish("templated-events", "through the templates\n");
            awaitStdout(app, COMPONENT, "through the templates\n");
        }
    }

    @Test
    void addressTemplateNamingNoVariableFailsStartupNamingTheSetting() {
        ComponentLoadException e = assertThrows(ComponentLoadException.class,
                () -> TriggerHarness.prepare("redis-component-bad-template", redis.address(), "").close());
        assertEquals("failed to resolve redis trigger address \"{{ undeclared }}\" for component echo: "
                + "no variable for \"undeclared\"", e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1} -> success {2}")
    @CsvSource({"echo, ok, true", "echo, go-ok, true", "echo, fail, false",
            "echo-core, ok, true", "echo-core, go-ok, true", "echo-core, fail, false"})
    void okAndErrSuccessSucceedAndErrErrorFails(String component, String payload, boolean success) throws Exception {
        try (TriggerHarness app = TriggerHarness.prepare(APP, redis.address(), "")) {
            RedisMessageExecutor executor = new RedisMessageExecutor(app.wasm.prepare(component), silentLogs(), new Deadlines(Duration.ZERO));
            assertEquals(success, executor.execute(payload.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void componentWithoutARedisExportIsRefused() throws Exception {
        assertEquals("Component 'no-redis': component does not export a Redis interface (expected fermyon:spin/inbound-redis)",
                refusal("no-redis").getMessage());
    }

    @Test
    void componentWithBothRedisExportsIsRefused() throws Exception {
        assertEquals("Component 'both-redis': component exports multiple Redis interfaces "
                + "[fermyon:spin/inbound-redis, spin:redis/inbound-redis@3.0.0]", refusal("both-redis").getMessage());
    }

    @Test
    void asyncRedisExportIsRefusedAsNotSupportedYet() throws Exception {
        assertEquals("Component 'async-redis' exports spin:redis/inbound-redis@3.0.0, whose async handle-message is not "
                + "supported yet: build it with an SDK that exports fermyon:spin/inbound-redis (Rust SDK 2.x-5.x, "
                + "or a componentized Spin 1.x module)", refusal("async-redis").getMessage());
    }

    private static ComponentLoadException refusal(String componentId) throws Exception {
        LockedApp lock = TriggerHarness.lock("redis-component-exports", Files.createTempDirectory("spinj-redis-test-"),
                redis.address(), "");
        try (WasmApp wasm = WasmApp.builder(lock).build()) {
            ComponentPre component = wasm.prepare(componentId);
            return assertThrows(ComponentLoadException.class,
                    () -> new RedisMessageExecutor(component, silentLogs(), new Deadlines(Duration.ZERO)));
        }
    }

    private static ComponentLogs silentLogs() {
        return new ComponentLogs(null, true, Set.of(), System.out, System.err);
    }
}
