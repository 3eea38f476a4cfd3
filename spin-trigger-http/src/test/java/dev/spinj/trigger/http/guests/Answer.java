package dev.spinj.trigger.http.guests;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One HTTP answer in the form the differential tests compare: the status, every header as a
 * {@code name: value} line (names lower-case, by name, values of a name in the order sent) and the
 * body. Left out are the headers that describe the sending, not the answer: {@code date}, and
 * {@code keep-alive}, node's idle timeout for the connection (hop-by-hop, which the guest cannot set).
 */
record Answer(int status, List<String> headers, byte[] body) {
    private static final Set<String> ABOUT_THE_SENDING = Set.of("date", "keep-alive");

    static Answer of(HttpResponse<byte[]> response) {
        return of(response, response.body());
    }

    /** The answer of {@code response}'s head with {@code body}, read by the caller as it came. */
    static Answer of(HttpResponse<?> response, byte[] body) {
        List<String> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!ABOUT_THE_SENDING.contains(lower)) {
                values.forEach(value -> headers.add(lower + ": " + value));
            }
        });
        return new Answer(response.statusCode(), List.copyOf(headers), body);
    }

    /** Every value of header {@code name}, in the order sent. */
    List<String> values(String name) {
        String prefix = name + ": ";
        return headers.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())).toList();
    }

    /** The same answer with header {@code name} left out. */
    Answer without(String name) {
        String prefix = name + ": ";
        return new Answer(status, headers.stream().filter(line -> !line.startsWith(prefix)).toList(), body);
    }

    /** Status, headers and a digest of the body: what an assertion message can show of a 1 MiB answer. */
    @Override
    public String toString() {
        return status + " " + headers + " body " + body.length + " bytes sha-256 " + sha256(body)
                + (body.length <= 256 ? " \"" + new String(body, StandardCharsets.UTF_8) + "\"" : "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Answer that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(body);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
