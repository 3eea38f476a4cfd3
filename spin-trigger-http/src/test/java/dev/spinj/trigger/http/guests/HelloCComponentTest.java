package dev.spinj.trigger.http.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The committed C example component (hand-written canonical ABI) is a working wasi:http handler on the reference host. */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the first use installs jco (npm ci)
final class HelloCComponentTest {
    @Test
    void answersWithThePathItWasAskedFor() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (JcoServe jco = JcoServe.start(Path.of("../examples/hello-c-component/hello.wasm"))) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(jco.uri("/component/hi?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
            assertEquals("Hello from a C component! You asked for /component/hi?x=1\n", response.body());
        }
    }
}
