package dev.spinj.trigger.redis;

import dev.spinj.loader.lock.LockFiles;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedTrigger;
import dev.spinj.wasm.ComponentLoadException;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.redis.LettuceSettings;
import dev.spinj.wasm.stdio.ComponentLogs;
import dev.spinj.wasm.variables.VariableException;
import dev.spinj.wasm.variables.Variables;
import io.lettuce.core.resource.ClientResources;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis trigger of one app (SPEC 9, SPEC2 §1.5): every component prepared and every channel
 * resolved to its server before anything connects, then one subscriber per server. Each component
 * handling a channel sees its messages in order; channels, and the components of one channel,
 * run in parallel.
 */
public final class RedisTrigger implements AutoCloseable {
    public static final String TYPE = "redis";
    private static final Logger LOG = LoggerFactory.getLogger(RedisTrigger.class);

    private final ClientResources resources = LettuceSettings.resources();
    private final List<RedisSubscriber> subscribers = new ArrayList<>();
    private final Deadlines deadlines;

    private RedisTrigger(Map<String, Map<String, List<ChannelWorker>>> byServer, Deadlines deadlines) {
        this.deadlines = deadlines;
        byServer.forEach((address, workers) -> subscribers.add(new RedisSubscriber(address, workers, resources)));
    }

    /**
     * Prepares every component and resolves every trigger's address and channel, which may be
     * templates over the app's variables (SPEC2 §6.3), before anything connects.
     *
     * @throws ComponentLoadException when a component cannot run as a Redis handler or a
     *     setting is missing or does not resolve
     */
    public static RedisTrigger create(WasmApp wasm, ComponentLogs logs, RedisTriggerOptions options)
            throws ComponentLoadException {
        Deadlines deadlines = new Deadlines(options.messageTimeout());
        try {
            return new RedisTrigger(workersByServer(wasm, logs, options, deadlines), deadlines);
        } catch (ComponentLoadException | RuntimeException e) {
            deadlines.close(); // its timer thread would outlive a trigger that never started
            throw e;
        }
    }

    /** Server address to channel to the workers of the components that handle it. */
    private static Map<String, Map<String, List<ChannelWorker>>> workersByServer(WasmApp wasm, ComponentLogs logs,
            RedisTriggerOptions options, Deadlines deadlines) throws ComponentLoadException {
        LockedApp app = wasm.app();
        Variables variables = wasm.variables();
        String appAddressTemplate = app.triggerSetting(TYPE, "address").map(String::valueOf).orElse(null);
        String appAddress = appAddressTemplate == null ? null : resolved(variables, appAddressTemplate,
                "failed to resolve redis trigger default address \"" + appAddressTemplate + "\"");
        Map<String, RedisMessageExecutor> executors = new HashMap<>();
        Map<String, Map<String, List<ChannelWorker>>> byServer = new LinkedHashMap<>();
        // Spin 2+ runs every component subscribed to a channel; a Spin 1 lock (no metadata.triggers) keeps the last one
        boolean everyHandlerOfAChannel = app.metadata().containsKey("triggers");
        for (LockedTrigger trigger : app.triggersOfType(TYPE)) {
            RedisTriggerConfig config;
            try {
                config = LockFiles.triggerConfig(trigger, RedisTriggerConfig.class);
            } catch (IllegalArgumentException e) {
                throw new ComponentLoadException(e.getMessage(), e);
            }
            if (config.component() == null || config.channel() == null) {
                throw new ComponentLoadException("trigger " + trigger.id() + " needs a component and a channel");
            }
            String address = config.address() == null ? appAddress : resolved(variables, config.address(),
                    "failed to resolve redis trigger address \"" + config.address() + "\" for component " + config.component());
            if (address == null) {
                throw new ComponentLoadException("trigger " + trigger.id()
                        + " has no Redis address: set the app's redis trigger address");
            }
            String channel = resolved(variables, config.channel(),
                    "failed to resolve redis trigger channel \"" + config.channel() + "\" for component " + config.component());
            RedisMessageExecutor executor = executors.get(config.component());
            if (executor == null) {
                executor = new RedisMessageExecutor(wasm.prepare(config.component()), logs, deadlines);
                executors.put(config.component(), executor);
            }
            List<ChannelWorker> handlers = byServer.computeIfAbsent(address, a -> new LinkedHashMap<>())
                    .computeIfAbsent(channel, c -> new ArrayList<>());
            if (!handlers.isEmpty() && !everyHandlerOfAChannel) {
                // Spin 1 maps channel -> component: the later trigger wins
                LOG.warn("Channel {} on {} is handled by both '{}' and '{}'; using '{}'", channel, address,
                        handlers.get(0).componentId(), config.component(), config.component());
                handlers.clear();
            }
            handlers.add(new ChannelWorker(address, channel, executor, options.maxQueuedMessages()));
        }
        return byServer;
    }

    /** A setting with its {@code {{ variable }}} templates resolved; the message says which setting failed, never its value. */
    private static String resolved(Variables variables, String template, String failure) throws ComponentLoadException {
        try {
            return variables.resolveTemplate(template);
        } catch (VariableException e) {
            throw new ComponentLoadException(failure + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to every server and subscribes, then prints one {@code Listening on} line per
     * channel and component. Fails, naming the address, if a server cannot be reached.
     */
    public void start(PrintStream out) throws RedisConnectException {
        for (RedisSubscriber subscriber : subscribers) {
            subscriber.subscribe();
        }
        for (RedisSubscriber subscriber : subscribers) {
            for (ChannelWorker worker : subscriber.workers()) {
                out.println("Listening on " + subscriber.address() + ": " + worker.channel() + " -> " + worker.componentId());
            }
        }
        out.flush();
    }

    /**
     * Graceful stop: unsubscribe, let received messages finish for up to {@code grace}, then drop
     * the rest, interrupt the guests still running and disconnect.
     */
    public void stop(long grace, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(grace);
        for (RedisSubscriber subscriber : subscribers) {
            subscriber.stop(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        close();
    }

    @Override
    public void close() {
        subscribers.forEach(RedisSubscriber::close);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
        deadlines.close();
    }
}
