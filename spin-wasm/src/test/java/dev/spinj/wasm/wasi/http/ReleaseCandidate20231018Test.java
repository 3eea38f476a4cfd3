package dev.spinj.wasm.wasi.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.host.http.AppLoopback;
import dev.spinj.wasm.host.http.HttpReply;
import dev.spinj.wasm.http.Header;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * http-guest-2023-10-18.c, built against {@code wasi:http@0.2.0-rc-2023-10-18} (what Spin 2.0
 * guests import), on the same host through that candidate's shapes (SPEC2 §1.6).
 */
@Timeout(60)
class ReleaseCandidate20231018Test {
    private final HttpGuest guest = HttpGuest.rc20231018();

    @AfterEach
    void close() {
        guest.close();
    }

    @Test
    void aRequestIsHandledWithItsBodyAndTrailers() {
        RecordingOutlet outlet = new RecordingOutlet();
        HandlerOutcome outcome = guest.handle(new IncomingHttpRequest("POST", "example.com", "/echo", List.of(),
                new RequestBody("hello 2.0".getBytes(UTF_8), List.of(new Header("x-checksum", "c2")), 3)), outlet);
        assertInstanceOf(HandlerOutcome.Responded.class, outcome);
        assertEquals("hello 2.0", outlet.text());
        assertEquals(List.of("c2"), outlet.header("x-trailer-checksum"));
    }

    @Test
    void changingTheRequestHeadersTrapsForTheCandidateHasNoHeaderError() {
        RecordingOutlet outlet = new RecordingOutlet();
        HandlerOutcome.Trapped trapped = assertInstanceOf(HandlerOutcome.Trapped.class, guest.handle(HttpGuest.get("/immutable"), outlet));
        assertTrue(trapped.cause().getMessage().contains("fields.set: header-error immutable"), trapped.cause().getMessage());
        assertFalse(outlet.responded());
    }

    @Test
    void finishingABodyShorterThanItsContentLengthTrapsAndAbortsIt() {
        RecordingOutlet outlet = new RecordingOutlet();
        HandlerOutcome.Trapped trapped = assertInstanceOf(HandlerOutcome.Trapped.class, guest.handle(HttpGuest.get("/short"), outlet));
        assertTrue(trapped.afterResponse());
        assertTrue(outlet.aborted);
    }

    @Test
    void aRequestWithoutAuthorityGoesToTheAppItself() {
        List<String> seen = new ArrayList<>();
        guest.origin.announce(URI.create("http://127.0.0.1:3000"), new AppLoopback() {
            @Override
            public HttpReply serve(String method, String pathAndQuery, List<Header> headers, byte[] body) {
                seen.add(method + " " + pathAndQuery);
                return new HttpReply(203, List.of(), "from the app".getBytes(UTF_8));
            }

            @Override
            public Optional<HttpReply> serveComponent(String componentId, String method, String pathAndQuery,
                    List<Header> headers, byte[] body) {
                return Optional.empty();
            }
        });
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(HttpGuest.get("/self"), outlet, "http://self");
        assertEquals(203, outlet.status);
        assertEquals("from the app", outlet.text());
        assertEquals(List.of("GET /hello"), seen);
    }

    @Test
    void aDeniedRequestIsAnUnexpectedErrorNamingTheCode() {
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(HttpGuest.get("/denied"), outlet);
        assertEquals(502, outlet.status);
        assertEquals("HTTP-request-denied", outlet.text());
    }
}
