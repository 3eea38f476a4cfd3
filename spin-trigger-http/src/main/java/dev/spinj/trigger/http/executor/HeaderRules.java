package dev.spinj.trigger.http.executor;

import dev.spinj.wasm.http.Header;

/** What the http crate accepts as a header name (an RFC 7230 token) and value, which Spin enforces. */
final class HeaderRules {
    private HeaderRules() {}

    static void check(Header header, String componentId) {
        if (!isToken(header.name())) {
            throw new IllegalArgumentException("component '" + componentId + "' returned an invalid header name '"
                    + header.name() + "'");
        }
        for (int i = 0; i < header.value().length(); i++) {
            char c = header.value().charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("component '" + componentId + "' returned an invalid value for header '"
                        + header.name() + "'");
            }
        }
    }

    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** What {@code HeaderValue::to_str} accepts; Spin answers 500 for other request header values. */
    static boolean isVisibleAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
