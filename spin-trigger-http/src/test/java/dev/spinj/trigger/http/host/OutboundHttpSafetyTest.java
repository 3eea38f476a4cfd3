package dev.spinj.trigger.http.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.trigger.http.HttpTriggerOptions;
import dev.spinj.wasm.config.HostSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Outbound HTTP cannot leave the allow-list through a redirect, cannot frame its own requests
 * and ends by the request's deadline (issue 9 items 4 and 11), with the real probe guest calling
 * real loopback servers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboundHttpSafetyTest {
    private HttpServer allowedServer;

    /** An allowed upstream: {@code /echo} describes the request, {@code /redirect?<status>&<location>} redirects. */
    @BeforeEach
    void startAllowedServer() throws IOException {
        allowedServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        allowedServer.createContext("/echo", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String body = "method=" + exchange.getRequestMethod() + " uri=" + exchange.getRequestURI()
                    + " content-type=" + exchange.getRequestHeaders().get("content-type")
                    + " authorization=" + exchange.getRequestHeaders().get("authorization")
                    + " body=" + new String(request, StandardCharsets.UTF_8);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        allowedServer.createContext("/redirect", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String[] query = exchange.getRequestURI().getRawQuery().split("&", 2);
            exchange.getResponseHeaders().add("location", query[1]);
            exchange.sendResponseHeaders(Integer.parseInt(query[0]), -1);
            exchange.close();
        });
        allowedServer.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        allowedServer.start();
    }

    @AfterEach
    void stopAllowedServer() {
        allowedServer.stop(0);
    }

    private String allowedOrigin() {
        return "127.0.0.1:" + allowedServer.getAddress().getPort();
    }

    private static LockedApp allowing(String... hosts) throws Exception {
        return HostProbe.withComponentMetadata(HostProbe.lock(), "allowed_http_hosts", List.of(hosts));
    }

    @Test
    void redirectFromAnAllowedHostToAForbiddenOneIsRefusedAndTheForbiddenHostGetsNoConnection() throws Exception {
        try (RawUpstream forbidden = RawUpstream.answering();
                HostProbe probe = HostProbe.start(allowing(allowedOrigin()))) {
            for (int status : new int[] {301, 302, 303, 307, 308}) {
                String redirect = "http://" + allowedOrigin() + "/redirect?" + status + "&http://" + forbidden.origin() + "/secret";
                assertEquals("err 1\n", probe.run("a", "http", "0\t" + redirect), "redirect " + status);
            }
            assertEquals(0, forbidden.accepted(), "connections to the forbidden host");
        }
    }

    @Test
    void redirectWithinTheAllowListIsFollowed() throws Exception {
        try (HostProbe probe = HostProbe.start(allowing(allowedOrigin()))) {
            String out = probe.run("a", "http", "0\thttp://" + allowedOrigin() + "/redirect?302&/echo?followed", "authorization\tBearer t");
            assertTrue(out.startsWith("ok 200\n"), out);
            assertTrue(out.endsWith("method=GET uri=/echo?followed content-type=null authorization=[Bearer t] body="), out);
        }
    }

    @Test
    void credentialsAreNotSentToAnotherOriginARedirectLeadsTo() throws Exception {
        try (RawUpstream other = RawUpstream.answering(); HostProbe probe = HostProbe.start(allowing(allowedOrigin(), other.origin()))) {
            String out = probe.run("a", "http", "0\thttp://" + allowedOrigin() + "/redirect?307&http://" + other.origin() + "/x",
                    "authorization\tBearer t", "cookie\tsession=1", "x-kept\tyes");
            assertTrue(out.startsWith("ok 200\n"), out);
            String request = other.requests().get(0).toLowerCase(Locale.ROOT);
            assertTrue(request.contains("\r\nx-kept: yes\r\n") && !request.contains("authorization") && !request.contains("cookie"),
                    request);
        }
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutItsBodyAndTemporaryRedirectKeepsBoth() throws Exception {
        try (HostProbe probe = HostProbe.start(allowing(allowedOrigin()))) {
            String seeOther = probe.run("b", "http", "1\thttp://" + allowedOrigin() + "/redirect?303&/echo", "content-type\ttext/plain",
                    "", "payload");
            assertTrue(seeOther.endsWith("method=GET uri=/echo content-type=null authorization=null body="), seeOther);
            String temporary = probe.run("b", "http", "1\thttp://" + allowedOrigin() + "/redirect?307&/echo", "content-type\ttext/plain",
                    "", "payload");
            assertTrue(temporary.endsWith("method=POST uri=/echo content-type=[text/plain] authorization=null body=payload"), temporary);
        }
    }

    @Test
    void endlessRedirectsAreRuntimeError() throws Exception {
        try (HostProbe probe = HostProbe.start(allowing(allowedOrigin()))) {
            assertEquals("err 4\n", probe.run("a", "http", "0\thttp://" + allowedOrigin() + "/loop"));
        }
    }

    @Test
    void guestFramingAndHopByHopHeadersNeverReachTheUpstream() throws Exception {
        try (RawUpstream upstream = RawUpstream.answering(); HostProbe probe = HostProbe.start(allowing(upstream.origin()))) {
            String out = probe.run("a", "http", "1\thttp://" + upstream.origin() + "/up",
                    "transfer-encoding\tchunked", "content-length\t999", "connection\tclose, x-per-hop", "x-per-hop\t1",
                    "keep-alive\ttimeout=5", "upgrade\th2c", "te\ttrailers", "trailer\tx-t", "proxy-authorization\tBasic eA==",
                    "proxy-connection\tkeep-alive", "host\tevil.example", "expect\t100-continue", "x-kept\tyes",
                    "", "payload");
            assertTrue(out.startsWith("ok 200\n"), out);
            assertEquals(1, upstream.requests().size());
            String request = upstream.requests().get(0);
            String head = request.substring(0, request.indexOf("\r\n\r\n"));
            List<String> lines = List.of(head.split("\r\n"));
            assertEquals("POST /up HTTP/1.1", lines.get(0));
            Set<String> names = new TreeSet<>();
            for (String line : lines.subList(1, lines.size())) {
                names.add(line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT));
            }
            assertEquals(Set.of("content-length", "host", "user-agent", "x-kept"), names, head);
            assertTrue(lines.contains("Content-Length: 7"), head);
            assertTrue(lines.contains("Host: " + upstream.origin()), head);
            assertTrue(request.endsWith("\r\n\r\npayload"), request);
        }
    }

    @Test
    void outboundRequestToASilentHostEndsWithTheRequestDeadline() throws Exception {
        var d = HttpTriggerOptions.defaults();
        var options = d.withLimits(d.maxBodyBytes(), d.maxHeaderBytes(), Duration.ofSeconds(1));
        try (RawUpstream silent = RawUpstream.silent();
                HostProbe probe = HostProbe.start(allowing(silent.origin()), HostSettings.defaults(), options)) {
            long start = System.nanoTime();
            HttpResponse<String> response = probe.post("/a/http", "0\thttp://" + silent.origin() + "/slow");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(503, response.statusCode());
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered after " + took);
            assertEquals(1, silent.accepted());
        }
    }
}
