package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyValueCrashTest {
    @TempDir
    Path stateDir;

    @Test
    void killMinus9RightAfterASuccessfulSetLosesNothing() throws Exception {
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ProbeServerMain.class.getName(), stateDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String base = listeningUrl(server);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/a/kv"))
                            .POST(HttpRequest.BodyPublishers.ofString("open\tdefault\nset\t0\tdurable\tsurvives")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("ok 0\nok\n", response.body());
        } finally {
            server.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
            server.waitFor();
        }
        assertEquals("survives\n", Sqlite3.run(stateDir.resolve("sqlite_key_value.db"),
                "SELECT CAST(value AS TEXT) FROM spin_key_value WHERE store = 'default' AND key = 'durable';"));
    }

    private static String listeningUrl(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("LISTENING ")) {
                return line.substring("LISTENING ".length());
            }
        }
        throw new AssertionError("the probe server exited before listening: " + server.waitFor());
    }
}
