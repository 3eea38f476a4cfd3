package dev.spinj.wasm.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which absolute URLs reach the app's own listener, and are therefore served in-process. */
class AppOriginTest {

    @ParameterizedTest(name = "listener {0}: {1} is the app itself: {2}")
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:3000 | http://127.0.0.1:3000/x?y=1 | true",
        "http://127.0.0.1:3000 | http://localhost:3000/ | true",
        "http://127.0.0.1:3000 | http://LOCALHOST:3000/ | true",
        "http://127.0.0.1:3000 | http://[::1]:3000/ | true",
        "http://127.0.0.1:3000 | http://127.0.0.1:3001/ | false",
        "http://127.0.0.1:3000 | https://127.0.0.1:3000/ | false",
        "http://127.0.0.1:3000 | http://example.com:3000/ | false",
        "http://127.0.0.1:80 | http://127.0.0.1/ | true",
        "http://0.0.0.0:3000 | http://127.0.0.1:3000/ | true",
        "http://0.0.0.0:3000 | http://0.0.0.0:3000/ | true",
        "http://[::]:3000 | http://localhost:3000/ | true",
        "http://192.0.2.10:3000 | http://localhost:3000/ | false",
        "http://192.0.2.10:3000 | http://192.0.2.10:3000/ | true",
    })
    void selfMatches(String listener, String url, boolean self) {
        AppOrigin origin = new AppOrigin();
        origin.announce(URI.create(listener));
        assertEquals(self, origin.isSelf(URI.create(url)));
    }
}
