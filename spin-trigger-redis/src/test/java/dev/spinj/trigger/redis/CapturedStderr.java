package dev.spinj.trigger.redis;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Redirects {@code System.err} (where slf4j-simple logs) into memory until closed. */
final class CapturedStderr implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedStderr() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the log contains {@code text}. */
    void await(String text) throws InterruptedException {
        TriggerHarness.await(() -> text().contains(text), () -> "no '" + text + "' in the log:\n" + text());
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
