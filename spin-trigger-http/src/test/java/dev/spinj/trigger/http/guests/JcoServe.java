package dev.spinj.trigger.http.guests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A wasi:http component served by {@code jco serve} (jco 1.35.0, from the JS guests' tools) on a
 * free loopback port, with a fresh component instance per request ({@code --isolate-requests
 * instance}) as Spin and spinj do: the reference side of the differential HTTP tests.
 */
public final class JcoServe implements AutoCloseable {
    /** jco transpiles the component to JS before it listens: seconds for a 12 MB JS guest. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String READY_LINE = "Server listening";

    private final Process process;
    private final int port;
    private final StringBuffer output;

    private JcoServe(Process process, int port, StringBuffer output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Starts serving {@code component} and returns once jco listens.
     *
     * @throws IllegalStateException when jco exits or does not listen in time, with its output
     */
    public static JcoServe start(Path component) {
        int port = freePort();
        List<String> command = List.of("node", JsGuests.jcoCli().toString(), "serve", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--isolate-requests", "instance", component.toAbsolutePath().toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start jco serve (is node on PATH?): " + String.join(" ", command), e);
        }
        StringBuffer output = new StringBuffer();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> collect(process, output, listening), "jco-serve-output-" + port);
        reader.setDaemon(true);
        reader.start();
        JcoServe serve = new JcoServe(process, port, output);
        try {
            boolean ready = listening.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) && process.isAlive();
            if (!ready) {
                serve.close();
                throw new IllegalStateException("jco serve did not listen on port " + port + " within "
                        + READY_TIMEOUT.toSeconds() + " s (" + String.join(" ", command) + "); its output:\n" + output);
            }
        } catch (InterruptedException e) {
            serve.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting jco serve for " + component, e);
        }
        return serve;
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** What jco printed so far (the guest's stdout and stderr included). */
    public String output() {
        return output.toString();
    }

    /** Stops jco and whatever it started. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void collect(Process process, StringBuffer output, CountDownLatch listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.contains(READY_LINE)) {
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended: start() or the caller sees it exit
        } finally {
            listening.countDown(); // exited before listening: start() checks isAlive
        }
    }

    /** A port free a moment ago; jco takes ports only by number. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for jco serve", e);
        }
    }
}
