package dev.spinj.wasm.wasi.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.http.Header;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * http-guest.c (a wasi:http component importing wasi:http@0.2.12) handling requests through
 * {@link IncomingHandler} on the wasi:http and WASI 0.2 hosts, Chicory and the component-model
 * engine. Each route of the guest reports what it saw in its response.
 */
@Timeout(60)
class WasiHttpHostTest {
    private final HttpGuest guest = HttpGuest.p2();

    private HandlerOutcome handle(IncomingHttpRequest request, RecordingOutlet outlet) {
        return guest.handle(request, outlet);
    }

    private static IncomingHttpRequest get(String path, Header... headers) {
        return HttpGuest.get(path, headers);
    }

    @AfterEach
    void closeInstances() {
        guest.close();
    }

    @Test
    void exportNameAcceptsEveryP2PatchAndTheRc2023Names() {
        assertEquals("wasi:http/incoming-handler@0.2.6",
                IncomingHandler.exportName(Set.of("wasi:cli/run@0.2.0", "wasi:http/incoming-handler@0.2.6")).orElseThrow());
        assertEquals("wasi:http/incoming-handler@0.2.0-rc-2023-11-10",
                IncomingHandler.exportName(Set.of("wasi:http/incoming-handler@0.2.0-rc-2023-11-10")).orElseThrow());
        assertTrue(IncomingHandler.exportName(Set.of("wasi:http/handler@0.3.0-rc-2026-03-15", "fermyon:spin/inbound-http",
                "wasi:http/incoming-handler@0.3.0")).isEmpty());
    }

    @Test
    void theGuestSeesTheMethodAuthorityPathAndAlwaysHttp() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(new IncomingHttpRequest("PATCH", "example.com:3000", "/info?a=%20b", List.of(), RequestBody.empty()), outlet);
        String seen = outlet.text();
        assertTrue(seen.contains("method-disc=8\n"), seen);
        assertTrue(seen.contains("path=/info?a=%20b\n"), seen);
        assertTrue(seen.contains("authority=example.com:3000\n"), seen);
        assertTrue(seen.contains("scheme-disc=0\n"), seen);
    }

    @Test
    void forbiddenHeadersHostIncludedNeverReachTheGuest() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/info", new Header("host", "example.com:3000"), new Header("Connection", "keep-alive"),
                new Header("x-kept", "1"), new Header("transfer-encoding", "chunked"), new Header("x-kept", "2"),
                new Header("spin-path-info", "/info")), outlet);
        String seen = outlet.text();
        assertTrue(seen.contains("x-kept: 1\nx-kept: 2\nspin-path-info: /info\n"), seen);
        assertFalse(seen.contains("host:") || seen.contains("connection:") || seen.contains("transfer-encoding:"), seen);
    }

    @Test
    void requestHeadersAreImmutable() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/info"), outlet);
        assertTrue(outlet.text().contains("append-to-request-headers=2\n"), outlet.text());
    }

    @Test
    void theRequestBodyCanBeConsumedOnce() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/info"), outlet);
        assertTrue(outlet.text().contains("second-consume-is-err=1\n"), outlet.text());
    }

    @Test
    void theRequestBodyStreamsToTheGuestAndItsTrailersFollow() {
        byte[] payload = "x".repeat(200_000).getBytes(UTF_8);
        RecordingOutlet outlet = new RecordingOutlet();
        HandlerOutcome outcome = handle(new IncomingHttpRequest("POST", "example.com", "/echo", List.of(),
                new RequestBody(payload, List.of(new Header("x-checksum", "abc")), 1000)), outlet);
        assertInstanceOf(HandlerOutcome.Responded.class, outcome);
        assertEquals(200, outlet.status);
        assertEquals(payload.length, outlet.body.size());
        assertEquals(List.of("abc"), outlet.header("x-trailer-checksum"));
        assertEquals(List.of("1"), outlet.header("x-second-stream-is-err"), "the body's stream is handed out once");
        assertEquals(List.of(), outlet.trailers);
    }

    @Test
    void aGuestThatDropsWhatItUsedLeavesNoWasiHttpObjectsBehind() {
        handle(new IncomingHttpRequest("POST", "example.com", "/echo", List.of(),
                new RequestBody("abc".getBytes(UTF_8), List.of(new Header("x-checksum", "1")), 1)), new RecordingOutlet());
        assertEquals(0, guest.liveResourcesOfLastInstance());
    }

    @Test
    void fieldsRefuseForbiddenAndMalformedNamesAndValues() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/fields"), outlet);
        String seen = outlet.text();
        assertTrue(seen.contains("from-list-forbidden=1\n"), seen);
        assertTrue(seen.contains("from-list-bad-name=0\n"), seen);
        assertTrue(seen.contains("from-list-bad-value=0\n"), seen);
        assertTrue(seen.contains("set-connection=1\n"), seen);
        assertTrue(seen.contains("delete-transfer-encoding=1\n"), seen);
    }

    @Test
    void fieldsKeepValuesPerLowerCaseNameAndClonesAreIndependent() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/fields"), outlet);
        String seen = outlet.text();
        assertTrue(seen.contains("set-ok=0\nget-x-a-count=2\nhas-x-b=1\nhas-x-b-after-delete=0\n"), seen);
        assertTrue(seen.contains("clone-change-shows-in-original=0\n"), seen);
        assertTrue(seen.endsWith("x-listed: yes\nx-a: 1\nx-a: 2\n"), seen);
    }

    @Test
    void theResponseHeadIsTheGuestsStatusAndHeaders() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/fields"), outlet);
        assertEquals(200, outlet.status);
        assertEquals(List.of(new Header("x-listed", "yes"), new Header("x-a", "1"), new Header("x-a", "2")), outlet.headers);
        assertEquals(-1, outlet.contentLength);
    }

    @Test
    void statusCodesFrom100To999AreAccepted() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/status/999"), outlet);
        assertEquals(999, outlet.status);
        assertEquals("rejected=0\n", outlet.text());
    }

    @Test
    void aStatusCodeAbove999IsRejectedAndTheDefaultStays() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/status/1000"), outlet);
        assertEquals(200, outlet.status);
        assertEquals("rejected=1\n", outlet.text());
    }

    @Test
    void settingAnErrorCodeIsTheErrorCodeOutcome() {
        RecordingOutlet outlet = new RecordingOutlet();
        HandlerOutcome outcome = handle(get("/error"), outlet);
        assertEquals(new HandlerOutcome.ErrorCode("internal-error(Optional[boom])"), outcome);
        assertFalse(outlet.responded());
    }

    @Test
    void returningWithoutSettingTheOutparamIsNoResponse() {
        RecordingOutlet outlet = new RecordingOutlet();
        assertEquals(new HandlerOutcome.NoResponse(), handle(get("/none"), outlet));
        assertFalse(outlet.responded());
    }

    @Test
    void aTrapBeforeTheResponseIsTrappedWithoutAResponse() {
        RecordingOutlet outlet = new RecordingOutlet();
        HandlerOutcome.Trapped trapped = assertInstanceOf(HandlerOutcome.Trapped.class, handle(get("/trap"), outlet));
        assertFalse(trapped.afterResponse());
        assertFalse(outlet.responded());
    }

    @Test
    void aTrapAfterTheResponseIsTrappedAfterResponseAndClosingTheInstanceAbortsTheBody() {
        RecordingOutlet outlet = new RecordingOutlet();
        HandlerOutcome.Trapped trapped = assertInstanceOf(HandlerOutcome.Trapped.class, handle(get("/trap-after"), outlet));
        assertTrue(trapped.afterResponse());
        assertEquals("partial", outlet.text());
        assertFalse(outlet.aborted);
        guest.close();
        assertTrue(outlet.aborted, "the body was never finished");
    }

    @Test
    void finishingWithFewerBytesThanTheDeclaredLengthAbortsTheBody() {
        RecordingOutlet outlet = new RecordingOutlet();
        assertInstanceOf(HandlerOutcome.Responded.class, handle(get("/short"), outlet));
        assertEquals(10, outlet.contentLength);
        assertEquals(5, outlet.body.size());
        assertTrue(outlet.aborted);
        assertNull(outlet.trailers);
    }

    @Test
    void writingBeyondTheDeclaredLengthFailsTheStreamAndAbortsTheBody() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/over"), outlet);
        assertEquals(3, outlet.contentLength);
        assertEquals(0, outlet.body.size());
        assertTrue(outlet.aborted);
    }

    @Test
    void finishingWithTrailersSendsThem() {
        RecordingOutlet outlet = new RecordingOutlet();
        handle(get("/trailers"), outlet);
        assertEquals("body", outlet.text());
        assertEquals(List.of(new Header("x-t", "done")), outlet.trailers);
    }

    @Test
    void droppingTheBodyWithoutFinishingAbortsIt() {
        RecordingOutlet outlet = new RecordingOutlet();
        assertInstanceOf(HandlerOutcome.Responded.class, handle(get("/drop-body"), outlet));
        assertEquals("partial", outlet.text());
        assertTrue(outlet.aborted);
        assertNull(outlet.trailers);
    }
}
