package dev.spinj.wasm.wasi.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.http.Header;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test guest built against {@code wasi:http@0.2.0-rc-2023-11-10} (what Spin 2.1 guests
 * import): the same host serves it, with the candidate's names and shapes where they differ.
 */
@Timeout(60)
class ReleaseCandidate20231110Test {
    private final HttpGuest guest = HttpGuest.rc20231110();

    @AfterEach
    void close() {
        guest.close();
    }

    @Test
    void theCandidatesHandlerExportIsRecognised() {
        assertEquals("wasi:http/incoming-handler@0.2.0-rc-2023-11-10",
                IncomingHandler.exportName(Set.of("wasi:http/incoming-handler@0.2.0-rc-2023-11-10")).orElseThrow());
    }

    @Test
    void aRequestIsHandledWithItsBodyAndTrailers() {
        RecordingOutlet outlet = new RecordingOutlet();
        HandlerOutcome outcome = guest.handle(new IncomingHttpRequest("POST", "example.com", "/echo", List.of(),
                new RequestBody("hello".getBytes(UTF_8), List.of(new Header("x-checksum", "c1")), 2)), outlet);
        assertInstanceOf(HandlerOutcome.Responded.class, outcome);
        assertEquals("hello", outlet.text());
        assertEquals(List.of("c1"), outlet.header("x-trailer-checksum"));
    }

    @Test
    void fieldsFollowTheSameRules() {
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(HttpGuest.get("/fields"), outlet);
        String seen = outlet.text();
        assertTrue(seen.contains("from-list-forbidden=1\nfrom-list-bad-name=0\nfrom-list-bad-value=0\nset-ok=0\nget-x-a-count=2\n"), seen);
    }

    @Test
    void requestOptionsGoByTheCandidatesMsNamesAndADenialArrivesThroughTheFuture() {
        RecordingOutlet outlet = new RecordingOutlet();
        guest.handle(new IncomingHttpRequest("GET", "example.com", "/outbound", List.of(new Header("x-path", "/"),
                new Header("x-scheme", "http"), new Header("x-authority", "127.0.0.1:1"), new Header("x-between-bytes-ms", "5")),
                RequestBody.empty()), outlet);
        assertEquals("error=15\n", outlet.text(), "denied: the allow-list is empty");
    }
}
