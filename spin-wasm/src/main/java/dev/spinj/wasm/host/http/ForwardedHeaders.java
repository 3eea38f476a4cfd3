package dev.spinj.wasm.host.http;

import dev.spinj.wasm.http.Header;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which of a guest's request headers may go upstream. Message framing and connection handling
 * are the client's: a guest's own {@code transfer-encoding} or {@code content-length} next to the
 * client's would let it smuggle a second request past the upstream's parser, so those and every
 * other hop-by-hop header (RFC 9110 7.6.1, plus the ones the JDK client refuses) are dropped.
 */
public final class ForwardedHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "content-length", "host", "expect", "http2-settings");

    private ForwardedHeaders() {}

    /**
     * The headers to send, in guest order; a later duplicate name replaces an earlier one, as
     * Spin's header map does. Also drops {@code proxy-*} and the names the guest's own
     * {@code connection} header lists as hop-by-hop.
     */
    static List<Header> of(List<Header> guestHeaders) {
        Map<String, Header> byName = new LinkedHashMap<>();
        Set<String> listedInConnection = new HashSet<>();
        for (Header header : guestHeaders) {
            String name = header.name().toLowerCase(Locale.ROOT);
            byName.put(name, header);
            if (name.equals("connection")) {
                for (String token : header.value().split(",")) {
                    listedInConnection.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        List<Header> forwarded = new ArrayList<>();
        byName.forEach((name, header) -> {
            if (!isHopByHop(name) && !listedInConnection.contains(name)) {
                forwarded.add(header);
            }
        });
        return forwarded;
    }

    /** A header that belongs to one connection, never to the message; {@code name} in lower case. */
    public static boolean isHopByHop(String name) {
        return HOP_BY_HOP.contains(name) || name.startsWith("proxy-");
    }
}
