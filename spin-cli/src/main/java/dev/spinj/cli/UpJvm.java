package dev.spinj.cli;

import java.util.List;

/**
 * JVM options for the CLI's own process ({@code spin up}, {@code spin watch}'s child): it parses a
 * manifest, writes a lock, starts triggers and waits, so it runs best with C1 only (C2 would spend
 * CPU on code that runs once, while the trigger JVM starts beside it) and the serial collector (no
 * GC threads, a small footprint). The {@code spin} launcher passes the same options; a trigger does
 * not inherit them (it gets {@link TriggerJvm}'s).
 */
final class UpJvm {
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private UpJvm() {}
}
