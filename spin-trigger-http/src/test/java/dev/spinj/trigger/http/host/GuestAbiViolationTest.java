package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GuestAbiViolationTest {
    @ParameterizedTest
    @CsvSource({"a,bad-pointer", "b,bad-pointer", "a,bad-utf8", "b,bad-utf8"})
    void badArgumentToAnImportTrapsAndTheNextRequestIsServed(String flavour, String probe) throws Exception {
        try (HostProbe app = HostProbe.start(HostProbe.lock())) {
            app.run(flavour, "kv", "open\tdefault", "set\t0\tbefore\tintact");
            assertEquals(500, app.post("/" + flavour + "/" + probe, "").statusCode());
            assertEquals("ok 0\nok intact\n", app.run(flavour, "kv", "open\tdefault", "get\t0\tbefore"));
        }
    }
}
