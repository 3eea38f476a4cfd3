package dev.spinj.cli;

import dev.spinj.trigger.http.HttpTrigger;
import dev.spinj.trigger.http.HttpTriggerOptions;
import dev.spinj.wasm.ComponentLoadException;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spin trigger http}: serves the app's HTTP triggers until SIGINT/SIGTERM, then drains and exits 0. */
@Command(name = "http", description = "Serve the HTTP triggers of the app in SPIN_LOCKED_URL.", mixinStandardHelpOptions = true)
final class HttpTriggerCommand implements Callable<Integer> {
    private static final long DRAIN_SECONDS = 30;

    @Mixin
    CommonTriggerOptions common = new CommonTriggerOptions();

    @Option(names = "--listen", paramLabel = "<ADDRESS>", defaultValue = HttpTriggerOptions.DEFAULT_LISTEN,
            description = "IP address and port to listen on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Override
    public Integer call() throws CliException, IOException, InterruptedException {
        ShutdownSignal shutdown = ShutdownSignal.install();
        TriggerApp setup = TriggerApp.fromEnvironment(System.getenv(), common, System.out);
        HttpTrigger trigger;
        try {
            trigger = HttpTrigger.create(setup.wasm, setup.logs, HttpTriggerOptions.defaults().withListen(listen));
        } catch (ComponentLoadException e) {
            throw new CliException("Failed to prepare the HTTP trigger", e);
        }
        try {
            trigger.start(System.out);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        shutdown.await();
        trigger.stop(DRAIN_SECONDS, TimeUnit.SECONDS);
        setup.logs.close();
        return 0;
    }
}
