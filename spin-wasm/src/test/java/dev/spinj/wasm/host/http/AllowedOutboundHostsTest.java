package dev.spinj.wasm.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 3.1 and Spin's {@code allowed_http_hosts.rs} / {@code outbound-networking} cases, table-driven. */
class AllowedOutboundHostsTest {
    private static List<String> entries(String list) {
        return Arrays.asList(list.split(" "));
    }

    @ParameterizedTest(name = "v1 {0} allows {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "example.com | https://example.com/x | true",
        "example.com | http://example.com:80/ | true",
        "example.com | http://example.com:8080/ | false",
        "example.com | http://EXAMPLE.com/ | true",
        "example.com | http://other.com/ | false",
        "example.com | http://sub.example.com/ | false",
        "example.com | ftp://example.com/ | false",
        "example.com:8383 | http://example.com:8383/ | true",
        "example.com:8383 | http://example.com/ | false",
        "https://example.com | http://example.com/ | true",
        "https://example.com:443 | https://example.com/ | true",
        "https://example.com:443 | http://example.com:443/ | false",
        "http://127.0.0.1:3000 | http://127.0.0.1:3000/path?q | true",
        "self | http://127.0.0.1:3000/ | false",
        "insecure:allow-all | http://anything.example:1/ | true",
    })
    void spin1Entries(String list, String url, boolean allowed) {
        assertEquals(allowed, AllowedOutboundHosts.spin1(entries(list)).allows(URI.create(url)));
    }

    @ParameterizedTest(name = "v2 {0} allows {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "https://example.com | https://example.com/x | true",
        "https://example.com | https://example.com:443/x | true",
        "https://example.com | http://example.com/ | false",
        "https://example.com | https://example.com:8443/ | false",
        "http://example.com:8080 | http://example.com:8080/ | true",
        "*://example.com:* | ftp://example.com:21/ | true",
        "https://*.example.com | https://api.example.com/ | true",
        "https://*.example.com | https://example.com/ | false",
        "https://* | https://any.where/ | true",
        "http://localhost:3000..3002 | http://localhost:3001/ | true",
        "http://localhost:3000..3002 | http://localhost:3002/ | false",
        "*://*:* | http://127.0.0.1:9/ | true",
        "http://self | http://self/ | false",
        "postgres://db.example.com | postgres://db.example.com/x | true",
    })
    void spin2Entries(String list, String url, boolean allowed) {
        assertEquals(allowed, AllowedOutboundHosts.spin2(entries(list)).allows(URI.create(url)));
    }

    @ParameterizedTest(name = "v1 {0} allows relative URLs: {1}")
    @CsvSource(delimiter = '|', value = {"self | true", "example.com | false", "insecure:allow-all | true",
        "self example.com | true"})
    void spin1RelativeUrlsNeedSelf(String list, boolean allowed) {
        assertEquals(allowed, AllowedOutboundHosts.spin1(entries(list)).allowsRelative());
    }

    @ParameterizedTest(name = "v2 {0} allows relative URLs: {1}")
    @CsvSource(delimiter = '|', value = {"http://self | true", "*://self:* | true", "https://*:* | true",
        "https://example.com | false", "redis://self | false"})
    void spin2RelativeUrlsNeedSelfOrAnyHost(String list, boolean allowed) {
        assertEquals(allowed, AllowedOutboundHosts.spin2(entries(list)).allowsRelative());
    }

    @ParameterizedTest(name = "v2 refuses {0}")
    @CsvSource(delimiter = '|', value = {
        "example.com | does not contain a scheme",
        "example.com:80 | does not contain a scheme",
        "foo://example.com | does not have a known default port number",
        "https://example.com/path | has a path but is not allowed to",
        "https://ex*ample.com | wildcards are allowed only as subdomains",
        "https://example.com:http | is not a number",
        "insecure:allow-all | use '*://*:*' instead",
    })
    void spin2InvalidEntriesAreRefused(String entry, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllowedOutboundHosts.spin2(List.of(entry)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void noEntriesAllowNothing() {
        AllowedOutboundHosts none = AllowedOutboundHosts.spin1(List.of());
        assertFalse(none.allows(URI.create("http://127.0.0.1/")));
        assertFalse(none.allowsRelative());
    }
}
