package dev.spinj.trigger.http.wagi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.wasm.http.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC 8 output parsing and the WAGI items of CONFIRMED.md. */
class CgiResponseTest {

    private static CgiResponse parse(String stdout) {
        return CgiResponse.parse(bytes(stdout));
    }

    private static WagiException failure(String stdout) {
        return assertThrows(WagiException.class, () -> parse(stdout));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String body(CgiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void emptyStdoutIs500SayingNothingWasWritten() {
        WagiException e = assertThrows(WagiException.class, () -> CgiResponse.parse(new byte[0]));
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("configured to use the WAGI executor but did not write to stdout"));
        assertArrayEquals(new byte[0], e.body());
    }

    @ParameterizedTest(name = "output \"{0}\" is insufficient")
    @ValueSource(strings = {
        "x-custom: yes\n\nbody",
        "\n\nbody",
        "no headers at all",
        "content-type: text/plain\n",
        "content-type: text/plain",
        "just a line\n\n"
    })
    void outputWithoutContentTypeStatusOrLocationIs500WithExplanation(String stdout) {
        WagiException e = failure(stdout);
        assertEquals(500, e.status());
        assertEquals("Exactly one of 'location' or 'content-type' must be specified",
                new String(e.body(), StandardCharsets.UTF_8));
    }

    @Test
    void contentTypeAloneIsSufficientWithStatus200() {
        CgiResponse response = parse("Content-Type: text/html\n\n<h1>hi</h1>");
        assertEquals(200, response.status());
        assertEquals(List.of(new Header("content-type", "text/html")), response.headers());
        assertEquals("<h1>hi</h1>", body(response));
    }

    @Test
    void contentTypeWithoutSpaceAfterColonIsValid() {
        CgiResponse response = parse("content-type:text/plain\n\nhello world\n");
        assertEquals(List.of(new Header("content-type", "text/plain")), response.headers());
        assertEquals("hello world\n", body(response));
    }

    @Test
    void statusAndLocationGiveThatStatusAndEmptyBody() {
        CgiResponse response = parse("status: 302\nlocation: /index.html\n\n");
        assertEquals(302, response.status());
        assertEquals(List.of(new Header("location", "/index.html")), response.headers());
        assertEquals(0, response.body().length);
    }

    @Test
    void locationAloneIs302() {
        CgiResponse response = parse("Location: https://example.com/\n\n");
        assertEquals(302, response.status());
        assertEquals(List.of(new Header("location", "https://example.com/")), response.headers());
    }

    @ParameterizedTest(name = "{0} and location give {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Status: 301                 | 301
            Status: 307 Temporary       | 307
            """)
    void explicitStatusWinsOverLocationWhicheverComesFirst(String status, int expected) {
        assertEquals(expected, parse(status + "\nLocation: /a\n\n").status());
        assertEquals(expected, parse("Location: /a\n" + status + "\n\n").status());
    }

    @ParameterizedTest(name = "Status \"{0}\" gives {1}")
    @CsvSource(delimiter = '|', textBlock = """
            404 Not Found    | 404
            404              | 404
            200 OK           | 200
            100              | 100
            599              | 599
            999              | 999
            abc              | 502
            4O4              | 502
            99               | 502
            1000             | 502
            099              | 502
            ' 404'           | 404
            404  Two Spaces  | 404
            """)
    void statusIsTheCodeBeforeTheFirstSpace(String status, int expected) {
        assertEquals(expected, parse("Status: " + status + "\n\n").status());
    }

    @Test
    void unparsableStatusIs502KeepingHeadersAndBody() {
        CgiResponse response = parse("Status: oops\nContent-Type: text/plain\n\nbody");
        assertEquals(502, response.status());
        assertEquals(List.of(new Header("content-type", "text/plain")), response.headers());
        assertEquals("body", body(response));
    }

    @Test
    void statusAloneIsSufficientAndNotAHeader() {
        CgiResponse response = parse("Status: 204\n\n");
        assertEquals(204, response.status());
        assertEquals(List.of(), response.headers());
    }

    @Test
    void carriageReturnsInHeaderPartAreIgnored() {
        CgiResponse response = parse("Content-Type: text/plain\r\nX-A: 1\r\n\r\nbody");
        assertEquals(List.of(new Header("content-type", "text/plain"), new Header("x-a", "1")), response.headers());
        assertEquals("body", body(response));
    }

    @Test
    void bodyIsVerbatimIncludingCarriageReturnsAndBlankLines() {
        byte[] tail = {'a', '\r', '\n', '\n', 'b', 0, (byte) 0xff, '\n'};
        byte[] stdout = new byte[tail.length + 26];
        System.arraycopy(bytes("content-type: text/plain\n\n"), 0, stdout, 0, 26);
        System.arraycopy(tail, 0, stdout, 26, tail.length);
        assertArrayEquals(tail, CgiResponse.parse(stdout).body());
    }

    @Test
    void firstBlankLineEndsHeaders() {
        CgiResponse response = parse("content-type: text/plain\n\nx-later: no\n\nrest");
        assertEquals(List.of(new Header("content-type", "text/plain")), response.headers());
        assertEquals("x-later: no\n\nrest", body(response));
    }

    @Test
    void linesWithoutColonAreIgnored() {
        CgiResponse response = parse("garbage line\ncontent-type: text/plain\n\n");
        assertEquals(List.of(new Header("content-type", "text/plain")), response.headers());
    }

    @Test
    void headerValueIsSplitAtFirstColonAndTrimmed() {
        CgiResponse response = parse("content-type: text/plain\n  X-Url :  http://a:1/b  \n\n");
        assertEquals(new Header("x-url", "http://a:1/b"), response.headers().get(1));
    }

    @Test
    void duplicateHeaderNamesKeepTheLastValue() {
        CgiResponse response = parse("content-type: text/plain\nX-A: 1\nx-a: 2\nContent-Type: text/html\n\n");
        assertEquals(List.of(new Header("content-type", "text/html"), new Header("x-a", "2")), response.headers());
    }

    @ParameterizedTest(name = "header name \"{0}\" is skipped")
    @ValueSource(strings = {"bad name", "bad\"name", "", "bad(name)", "naïve"})
    void invalidHeaderNamesAreSkipped(String name) {
        CgiResponse response = parse("content-type: text/plain\n" + name + ": v\n\n");
        assertEquals(List.of(new Header("content-type", "text/plain")), response.headers());
    }

    @Test
    void otherValidHeadersAreCopiedLowerCased() {
        CgiResponse response = parse("Content-Type: text/plain\nSet-Cookie: a=b\nX-Weird_Name!: 1\n\n");
        assertEquals(List.of(new Header("content-type", "text/plain"), new Header("set-cookie", "a=b"),
                new Header("x-weird_name!", "1")), response.headers());
    }

    @ParameterizedTest(name = "invalid value in {0} is 500")
    @ValueSource(strings = {"content-type", "location", "x-other"})
    void invalidHeaderValueIs500(String name) {
        String stdout = "content-type: text/plain\n" + name + ": a\u0001b\n\n";
        WagiException e = failure(stdout);
        assertEquals(500, e.status());
        assertArrayEquals(new byte[0], e.body());
    }

    @Test
    void nonUtf8HeaderPartIs500() {
        byte[] stdout = {'x', '-', 'a', ':', ' ', (byte) 0xff, '\n', '\n'};
        WagiException e = assertThrows(WagiException.class, () -> CgiResponse.parse(stdout));
        assertEquals(500, e.status());
    }

    @Test
    void utf8HeaderValueIsKept() {
        CgiResponse response = parse("content-type: text/plain\nx-name: café\n\n");
        assertEquals(new Header("x-name", "café"), response.headers().get(1));
    }
}
