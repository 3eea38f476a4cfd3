package dev.spinj.cli;

import dev.spinj.trigger.http.HttpTrigger;
import dev.spinj.trigger.http.HttpTriggerOptions;
import dev.spinj.trigger.http.TlsFiles;
import dev.spinj.wasm.ComponentLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spin trigger http}: serves the app's HTTP triggers until SIGINT/SIGTERM, then drains and exits 0. */
@Command(name = "http", description = "Serve the HTTP triggers of the app in SPIN_LOCKED_URL.", mixinStandardHelpOptions = true)
final class HttpTriggerCommand implements Callable<Integer> {
    private static final long DRAIN_SECONDS = 30;
    static final String TLS_CERT_ENV = "SPIN_TLS_CERT";
    static final String TLS_KEY_ENV = "SPIN_TLS_KEY";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonTriggerOptions common = new CommonTriggerOptions();

    /** Null when not given: then {@link ListenAddressChoice#fromEnvironment()}, as for {@code spin up}. */
    @Option(names = "--listen", paramLabel = "<ADDRESS>",
            description = "IP address and port to listen on (env " + ListenAddressChoice.ENV + "; default: "
                    + ListenAddressChoice.DEFAULT + ").")
    String listen;

    @Option(names = "--request-timeout", paramLabel = "<DURATION>", converter = DurationConverter.class, defaultValue = "30s",
            description = "Interrupt a guest still handling a request after this long and answer 503 (default: ${DEFAULT-VALUE}; 0 for none).")
    Duration requestTimeout;

    @Option(names = "--max-request-body", paramLabel = "<SIZE>", converter = ByteSizeConverter.class, defaultValue = "64MiB",
            description = "Answer 413 to request bodies larger than this (default: ${DEFAULT-VALUE}).")
    long maxRequestBody;

    @Option(names = "--max-request-header", paramLabel = "<SIZE>", converter = ByteSizeConverter.class, defaultValue = "32KiB",
            description = "Answer 431 to request headers larger than this (default: ${DEFAULT-VALUE}).")
    long maxRequestHeader;

    @Option(names = "--max-response-body", paramLabel = "<SIZE>", converter = ByteSizeConverter.class, defaultValue = "64MiB",
            description = "Answer 500 when a guest's response body or WAGI output grows larger than this; a WAGI guest "
                    + "writing past it is stopped (default: ${DEFAULT-VALUE}).")
    long maxResponseBody;

    @Option(names = "--max-concurrency", paramLabel = "<N>",
            description = "Requests handled at once, each on its own worker thread (default: twice the cores, at least 4).")
    Integer maxConcurrency;

    @Option(names = "--max-queue", paramLabel = "<N>", defaultValue = "" + HttpTriggerOptions.DEFAULT_QUEUE,
            description = "Requests waiting for a worker; beyond this, 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--max-component-concurrency", paramLabel = "<N>",
            description = "Requests one component may have running at once, so a component whose guests hang cannot hold "
                    + "every worker (default: --max-concurrency minus 1, at least 1, when the app has several components; "
                    + "else --max-concurrency).")
    Integer maxComponentConcurrency;

    @Option(names = "--max-queued-body", paramLabel = "<SIZE>", converter = ByteSizeConverter.class, defaultValue = "256MiB",
            description = "Total size of the bodies of the requests waiting for a worker; beyond this, 503 with Retry-After "
                    + "(default: ${DEFAULT-VALUE}).")
    long maxQueuedBody;

    @Option(names = "--header-read-timeout", paramLabel = "<DURATION>", converter = DurationConverter.class,
            defaultValue = "10s", description = "Close a connection whose request line and headers have not all arrived "
            + "this long after it opened or after the request's first byte (default: ${DEFAULT-VALUE}; 0 for none).")
    Duration headerReadTimeout;

    @Option(names = "--idle-timeout", paramLabel = "<DURATION>", converter = DurationConverter.class, defaultValue = "75s",
            description = "Close a connection with no request in flight that sends nothing for this long: between "
            + "keep-alive requests or mid-body (default: ${DEFAULT-VALUE}; 0 for none).")
    Duration idleTimeout;

    @Option(names = "--max-connections", paramLabel = "<N>",
            description = "Open connections at most; beyond this new clients wait to be accepted until one closes "
            + "(default: 10000, or half the file descriptor limit when that is less).")
    Integer maxConnections;

    @Option(names = "--tls-cert", paramLabel = "<TLS_CERT>", defaultValue = "${env:" + TLS_CERT_ENV + "}",
            description = "The certificate to serve https with, PEM; needs --tls-key (env: " + TLS_CERT_ENV + "; default: plain http).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "<TLS_KEY>", defaultValue = "${env:" + TLS_KEY_ENV + "}",
            description = "The certificate's private key, PEM PKCS#8; needs --tls-cert (env: " + TLS_KEY_ENV + ").")
    Path tlsKey;

    /** Each TLS file requires the other (Spin's clap {@code requires}): a usage error, like an unknown flag. */
    private TlsFiles tlsFiles() {
        if (tlsCert == null && tlsKey == null) {
            return null;
        }
        if (tlsKey == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Error: --tls-cert requires --tls-key: give the "
                    + "certificate's PEM PKCS#8 private key with --tls-key <TLS_KEY> or " + TLS_KEY_ENV);
        }
        if (tlsCert == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Error: --tls-key requires --tls-cert: give the "
                    + "PEM certificate with --tls-cert <TLS_CERT> or " + TLS_CERT_ENV);
        }
        return new TlsFiles(tlsCert.toAbsolutePath(), tlsKey.toAbsolutePath());
    }

    private HttpTriggerOptions options(TlsFiles tls) throws CliException {
        if (maxRequestBody > Integer.MAX_VALUE || maxRequestHeader > Integer.MAX_VALUE) {
            throw new CliException("--max-request-body and --max-request-header must be below 2GiB");
        }
        if (maxResponseBody > Integer.MAX_VALUE) {
            throw new CliException("--max-response-body must be below 2GiB");
        }
        int workers = maxConcurrency == null ? HttpTriggerOptions.defaultWorkers() : maxConcurrency;
        if (workers < 1 || maxQueue < 1) {
            throw new CliException("--max-concurrency and --max-queue must be at least 1");
        }
        if (maxComponentConcurrency != null && maxComponentConcurrency < 1) {
            throw new CliException("--max-component-concurrency must be at least 1");
        }
        int connections = maxConnections == null ? HttpTriggerOptions.defaultMaxConnections() : maxConnections;
        if (connections < 1) {
            throw new CliException("--max-connections must be at least 1");
        }
        return HttpTriggerOptions.defaults()
                .withListen(listen != null ? listen : ListenAddressChoice.fromEnvironment())
                .withConcurrency(workers, maxQueue)
                .withLimits((int) maxRequestBody, (int) maxRequestHeader, requestTimeout)
                .withScheduling(maxComponentConcurrency == null ? 0 : maxComponentConcurrency, maxQueuedBody)
                .withConnectionLimits(headerReadTimeout, idleTimeout, connections)
                .withTls(tls)
                .withMaxResponseBody((int) maxResponseBody);
    }

    @Override
    public Integer call() throws CliException, IOException, InterruptedException {
        TlsFiles tls = tlsFiles();
        ShutdownSignal shutdown = ShutdownSignal.install();
        TriggerApp setup = TriggerApp.fromEnvironment(System.getenv(), common, System.out);
        HttpTrigger trigger;
        try {
            trigger = HttpTrigger.create(setup.wasm, setup.logs, options(tls));
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
        setup.close();
        return 0;
    }
}
