package dev.spinj.trigger.http.wagi;

import dev.spinj.trigger.http.InboundRequest;
import dev.spinj.trigger.http.routing.ClientAddress;
import dev.spinj.trigger.http.routing.RouteMatch;
import dev.spinj.trigger.http.routing.SpinHeader;
import dev.spinj.wasm.http.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * The CGI variables a WAGI module gets as its environment (SPEC 8), before the component's own
 * {@code environment} entries. Spin keeps them in a hash map; the order here is only for
 * readability: CGI variables, then the Spin facts, then the request headers.
 */
public final class CgiEnvironment {

    /** RFC 3875 4.1.18: credentials and connection handling stay with the server. */
    private static final Set<String> WITHHELD_HEADERS = Set.of("HTTP_AUTHORIZATION", "HTTP_CONNECTION");

    // Spin passes this as the "default host" of wagi's host parsing, so it shows through as
    // SERVER_NAME whenever the request has no Host header.
    private static final String NO_HOST_SERVER_NAME = "default_host";
    private static final String DEFAULT_PORT = "80";

    private CgiEnvironment() {}

    public static LinkedHashMap<String, String> build(RouteMatch match, InboundRequest request) {
        LinkedHashMap<String, String> env = new LinkedHashMap<>();
        String rawPathInfo = match.pathInfo(request.path());
        ServerAddress server = ServerAddress.fromHostHeader(request.host());

        env.put("AUTH_TYPE", "");
        env.put("CONTENT_LENGTH", Integer.toString(request.body().length));
        // Spin looks up a header literally named CONTENT_TYPE (lower-cased by the header map to
        // "content_type"), never Content-Type; guests read HTTP_CONTENT_TYPE instead.
        env.put("CONTENT_TYPE", nullToEmpty(request.firstHeader("content_type")));
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("QUERY_STRING", request.query());
        env.put("REMOTE_ADDR", ClientAddress.ip(request.clientAddress()));
        env.put("REMOTE_HOST", ClientAddress.ip(request.clientAddress()));
        env.put("REMOTE_USER", "");
        env.put("REQUEST_METHOD", request.method());
        env.put("SCRIPT_NAME", match.pattern().pathOrPrefix());
        env.put("X_RAW_PATH_INFO", rawPathInfo);
        env.put("PATH_TRANSLATED", percentDecode(rawPathInfo));
        env.put("SERVER_NAME", server.name());
        env.put("SERVER_PORT", server.port());
        env.put("SERVER_PROTOCOL", request.protocol());
        env.put("SERVER_SOFTWARE", "WAGI/1");
        // Spin overwrites wagi's decoded PATH_INFO and its own X_FULL_URL with these values.
        for (SpinHeader fact : SpinHeader.values()) {
            env.put(fact.cgiName(), fact.valueFor(match, request));
        }
        for (Header header : request.headers()) {
            String name = "HTTP_" + header.name().toUpperCase(Locale.ROOT).replace('-', '_');
            if (!WITHHELD_HEADERS.contains(name)) {
                env.put(name, isVisibleAscii(header.value()) ? header.value() : "CORRUPT VALUE");
            }
        }
        return env;
    }

    private record ServerAddress(String name, String port) {

        // wagi splits the Host header at its first ':'; a bracketed IPv6 literal is kept whole
        // here rather than reproducing wagi's "[" as the server name.
        static ServerAddress fromHostHeader(String hostHeader) {
            if (hostHeader == null) {
                return new ServerAddress(NO_HOST_SERVER_NAME, DEFAULT_PORT);
            }
            int bracketEnd = hostHeader.startsWith("[") ? hostHeader.indexOf(']') : -1;
            int colon = hostHeader.indexOf(':', Math.max(bracketEnd, 0));
            String name = colon < 0 ? hostHeader : hostHeader.substring(0, colon);
            String port = colon < 0 ? "" : hostHeader.substring(colon + 1);
            return new ServerAddress(
                    name.isEmpty() ? NO_HOST_SERVER_NAME : name, port.isEmpty() ? DEFAULT_PORT : port);
        }
    }

    /** Like hyper's {@code HeaderValue::to_str}: tab and printable ASCII only. */
    private static boolean isVisibleAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return false;
            }
        }
        return true;
    }

    /** {@code %XX} sequences decoded, invalid ones kept, {@code +} kept, bytes read as lossy UTF-8. */
    private static String percentDecode(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length) {
                int high = Character.digit(bytes[i + 1], 16);
                int low = Character.digit(bytes[i + 2], 16);
                if (high >= 0 && low >= 0) {
                    out.write(high << 4 | low);
                    i += 2;
                    continue;
                }
            }
            out.write(bytes[i]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
