package dev.spinj.wasm.wasi.http;

import dev.spinj.cm.abi.VariantValue;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code outgoing-request} the guest builds for {@code outgoing-handler.handle}. The setters
 * refuse what wasmtime's parsers refuse, so {@code handle} sees only well-formed parts.
 */
final class OutgoingRequest {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+\\-.]*");
    /** Visible ASCII without {@code #}: what {@code http::uri::PathAndQuery} takes. */
    private static final Pattern PATH_WITH_QUERY = Pattern.compile("[\\x21\\x22\\x24-\\x7e]*");
    /** {@code [userinfo@]host[:port]}, the host a name or bracketed IPv6, the port 0–65535 when present. */
    private static final Pattern AUTHORITY = Pattern.compile(
            "(?:[^@/?#\\s]*@)?(?:\\[[0-9A-Fa-f:.]+\\]|[^:@/?#\\s\\[\\]]*)(?::(\\d{1,5}))?");

    private final Fields headers;
    private VariantValue method = VariantValue.of("get");
    private VariantValue scheme;
    private String authority;
    private String pathWithQuery;
    private OutgoingBody body;

    /** @param headers taken from the guest, now immutable */
    OutgoingRequest(Fields headers) {
        this.headers = headers;
        headers.freeze();
    }

    Fields headers() {
        return headers;
    }

    VariantValue method() {
        return method;
    }

    boolean setMethod(VariantValue value) {
        if (value.label().equals("other") && !TOKEN.matcher((String) value.value()).matches()) {
            return false;
        }
        method = value;
        return true;
    }

    Optional<VariantValue> scheme() {
        return Optional.ofNullable(scheme);
    }

    boolean setScheme(Optional<?> value) {
        VariantValue v = (VariantValue) value.orElse(null);
        if (v != null && v.label().equals("other") && !SCHEME.matcher((String) v.value()).matches()) {
            return false;
        }
        scheme = v;
        return true;
    }

    Optional<String> authority() {
        return Optional.ofNullable(authority);
    }

    boolean setAuthority(Optional<?> value) {
        String a = (String) value.orElse(null);
        if (a != null) {
            var m = AUTHORITY.matcher(a);
            if (!m.matches() || m.group(1) != null && Integer.parseInt(m.group(1)) > 65535 || a.endsWith(":")) {
                return false;
            }
        }
        authority = a;
        return true;
    }

    Optional<String> pathWithQuery() {
        return Optional.ofNullable(pathWithQuery);
    }

    boolean setPathWithQuery(Optional<?> value) {
        String p = (String) value.orElse(null);
        if (p != null && !PATH_WITH_QUERY.matcher(p).matches()) {
            return false;
        }
        pathWithQuery = p;
        return true;
    }

    /** The body, once; none when the declared {@code content-length} does not parse. */
    Optional<OutgoingBody> body() {
        Optional<OutgoingBody> made = body == null ? OutgoingBody.declaredBy(headers, true) : Optional.empty();
        made.ifPresent(b -> body = b);
        return made;
    }

    /** The body the guest took, if it did. */
    Optional<OutgoingBody> takenBody() {
        return Optional.ofNullable(body);
    }
}
