package dev.spinj.trigger.http.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.trigger.http.RunningApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The committed C example (hand-written canonical ABI, examples/hello-c-component) is a working
 * wasi:http handler on the reference host, and on spinj through its spin.toml both as a component
 * and as the same code in a core module with a component-type section.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first use installs jco (npm ci)
final class HelloCComponentTest {
    private static final Path EXAMPLE = Path.of("../examples/hello-c-component");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void answersWithThePathItWasAskedFor() throws Exception {
        try (JcoServe jco = JcoServe.start(EXAMPLE.resolve("hello.wasm"))) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(jco.uri("/component/hi?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
            assertEquals("Hello from a C component! You asked for /component/hi?x=1\n", response.body());
        }
    }

    @Test
    void theComponentAndTheCoreModuleServeTheSameAnswerOnSpinj() throws Exception {
        try (RunningApp spinj = RunningApp.start(EXAMPLE.resolve("spin.toml"), Path.of("target/spinj-compile-cache"))) {
            Answer component = get(spinj.url("/component/hi?x=1"));
            Answer core = get(spinj.url("/core/hi?x=1"));
            assertEquals("Hello from a C component! You asked for /component/hi?x=1\n",
                    new String(component.body(), StandardCharsets.UTF_8));
            // the one difference is the path each echoes, which their routes make differ
            assertEquals(component, new Answer(core.status(), core.headers(),
                    new String(core.body(), StandardCharsets.UTF_8).replace("/core/", "/component/").getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Answer get(URI uri) throws Exception {
        return Answer.of(CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray()));
    }
}
