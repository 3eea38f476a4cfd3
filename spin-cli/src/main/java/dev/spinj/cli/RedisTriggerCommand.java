package dev.spinj.cli;

import dev.spinj.trigger.redis.RedisConnectException;
import dev.spinj.trigger.redis.RedisTrigger;
import dev.spinj.trigger.redis.RedisTriggerOptions;
import dev.spinj.wasm.ComponentLoadException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spin trigger redis}: handles the app's Redis messages until SIGINT/SIGTERM, then
 * unsubscribes, lets received messages finish (dropping those still queued after the drain time)
 * and exits 0.
 */
@Command(name = "redis", description = "Handle the Redis messages of the app in SPIN_LOCKED_URL.", mixinStandardHelpOptions = true)
final class RedisTriggerCommand implements Callable<Integer> {
    private static final long DRAIN_SECONDS = 30;

    @Mixin
    CommonTriggerOptions common = new CommonTriggerOptions();

    @Option(names = "--message-timeout", paramLabel = "<DURATION>", converter = DurationConverter.class, defaultValue = "30s",
            description = "Interrupt a guest still handling a message after this long; the next message goes on "
                    + "(default: ${DEFAULT-VALUE}; 0 for none).")
    Duration messageTimeout;

    @Option(names = "--max-queued-messages", paramLabel = "<N>", defaultValue = "" + RedisTriggerOptions.DEFAULT_MAX_QUEUED_MESSAGES,
            description = "Messages of one channel waiting while its component is busy; beyond this, new messages are "
                    + "dropped with a warning (default: ${DEFAULT-VALUE}).")
    int maxQueuedMessages;

    @Override
    public Integer call() throws CliException, InterruptedException, IOException {
        if (maxQueuedMessages < 1) {
            throw new CliException("--max-queued-messages must be at least 1");
        }
        RedisTriggerOptions options = RedisTriggerOptions.defaults()
                .withMessageTimeout(messageTimeout)
                .withMaxQueuedMessages(maxQueuedMessages);
        ShutdownSignal shutdown = ShutdownSignal.install();
        TriggerApp setup = TriggerApp.fromEnvironment(System.getenv(), common, System.out);
        RedisTrigger trigger;
        try {
            trigger = RedisTrigger.create(setup.wasm, setup.logs, options);
        } catch (ComponentLoadException e) {
            throw new CliException("Failed to prepare the Redis trigger", e);
        }
        try {
            trigger.start(System.out);
        } catch (RedisConnectException e) {
            trigger.close();
            throw new CliException(e.getMessage(), e.getCause());
        }
        shutdown.await();
        trigger.stop(DRAIN_SECONDS, TimeUnit.SECONDS);
        setup.close();
        return 0;
    }
}
