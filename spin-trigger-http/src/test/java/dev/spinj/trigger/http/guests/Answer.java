package dev.spinj.trigger.http.guests;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One HTTP answer in the form the differential tests compare: the status, every header as a
 * {@code name: value} line (names lower-case, by name, values of a name in the order sent) minus
 * {@code date}, which says only when it was sent, and the body.
 */
record Answer(int status, List<String> headers, byte[] body) {
    private static final Set<String> WHEN_SENT = Set.of("date");

    static Answer of(HttpResponse<byte[]> response) {
        List<String> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!WHEN_SENT.contains(lower)) {
                values.forEach(value -> headers.add(lower + ": " + value));
            }
        });
        return new Answer(response.statusCode(), List.copyOf(headers), response.body());
    }

    /** The first value of header {@code name}, or null. */
    String header(String name) {
        String prefix = name + ": ";
        return headers.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .findFirst().orElse(null);
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
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + java.util.Arrays.hashCode(body);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
