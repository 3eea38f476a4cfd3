package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the real {@code sqlite3} CLI on a file, proving Spin's own tools can read what we wrote. */
final class Sqlite3 {
    private Sqlite3() {}

    static String run(Path file, String command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("sqlite3", file.toString(), command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("the sqlite3 CLI is needed for this test (apt-get install -y sqlite3): " + e.getMessage());
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "sqlite3 " + command + ": " + out);
        return out;
    }
}
