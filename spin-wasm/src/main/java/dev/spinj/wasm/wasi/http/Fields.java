package dev.spinj.wasm.wasi.http;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.wasm.http.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@code wasi:http} {@code fields} value (headers or trailers): names in lower case, each with
 * its values in order, names in order of first insertion (as an {@code http::HeaderMap}
 * iterates). Guests cannot add the hop-by-hop and {@code host} headers wasmtime forbids, and a
 * map handed out as part of a request or response is immutable (SPEC2 §3.2, §3.4).
 */
final class Fields {
    /** wasmtime's DEFAULT_FIELD_SIZE_LIMIT: names and values of one map together. */
    static final long SIZE_LIMIT = 128 * 1024;
    /** wasmtime's DEFAULT_FORBIDDEN_HEADERS. */
    private static final Set<String> FORBIDDEN = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "transfer-encoding", "upgrade", "host", "http2-settings");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final Map<String, List<byte[]>> values = new LinkedHashMap<>();
    private boolean mutable;
    private long size;

    private Fields(boolean mutable) {
        this.mutable = mutable;
    }

    static Fields empty() {
        return new Fields(true);
    }

    /**
     * An immutable map of headers that came from the network or the trigger: forbidden ones and
     * ones that do not parse are left out, as wasmtime's {@code remove_forbidden_headers} and
     * Spin's header rebuild do.
     */
    static Fields received(List<Header> headers) {
        Fields fields = new Fields(true);
        for (Header header : headers) {
            String name = header.name().toLowerCase(Locale.ROOT);
            byte[] value = header.value().getBytes(StandardCharsets.UTF_8);
            if (isToken(name) && !FORBIDDEN.contains(name) && isValue(value)) {
                fields.add(name, value);
            }
        }
        fields.mutable = false;
        return fields;
    }

    /** A mutable copy ({@code fields.clone}). */
    Fields copy() {
        Fields copy = new Fields(true);
        values.forEach((name, list) -> list.forEach(v -> copy.add(name, v)));
        return copy;
    }

    /** An immutable copy: what {@code headers()} of a request or response hands out. */
    Fields frozenCopy() {
        Fields copy = copy();
        copy.mutable = false;
        return copy;
    }

    /** Makes this map immutable: it now belongs to a request or response. */
    void freeze() {
        mutable = false;
    }

    List<byte[]> get(String name) {
        return List.copyOf(values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Replaces the values of {@code name}; an empty list removes it (as wasmtime does). */
    void set(String name, List<byte[]> newValues) throws HeaderRejected {
        String key = checkedName(name);
        for (byte[] value : newValues) {
            checkValue(value);
        }
        checkMutable();
        remove(key);
        for (byte[] value : newValues) {
            add(key, value);
        }
    }

    void append(String name, byte[] value) throws HeaderRejected {
        String key = checkedName(name);
        checkValue(value);
        checkMutable();
        add(key, value);
    }

    void delete(String name) throws HeaderRejected {
        String key = checkedName(name);
        checkMutable();
        remove(key);
    }

    /** Every name and value, one entry per value. */
    List<Header> headers() {
        List<Header> headers = new ArrayList<>();
        values.forEach((name, list) -> list.forEach(v -> headers.add(new Header(name, new String(v, StandardCharsets.UTF_8)))));
        return headers;
    }

    /** Every name and value as WIT {@code tuple<field-name, field-value>}s. */
    List<List<Object>> entries() {
        List<List<Object>> entries = new ArrayList<>();
        values.forEach((name, list) -> list.forEach(v -> entries.add(List.of(name, v.clone()))));
        return entries;
    }

    /**
     * The declared {@code content-length}, -1 when absent.
     *
     * @throws NumberFormatException when a value is not one decimal number or several disagree:
     *     {@code body()} then fails, as with wasmtime's {@code get_content_length}
     */
    long contentLength() {
        long length = -1;
        for (byte[] value : values.getOrDefault("content-length", List.of())) {
            String text = new String(value, StandardCharsets.US_ASCII).trim();
            if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException("content-length `" + text + "` is not a decimal number");
            }
            long parsed = Long.parseLong(text);
            if (length >= 0 && parsed != length) {
                throw new NumberFormatException("content-length is declared twice, as " + length + " and " + parsed);
            }
            length = parsed;
        }
        return length;
    }

    private void add(String name, byte[] value) {
        long grown = size + value.length + (values.containsKey(name) ? 0 : name.length());
        if (grown > SIZE_LIMIT) {
            // wasmtime traps here too (FieldMapError::TotalSizeTooBig): header-error has no case for it.
            throw new TrapException("wasi:http fields: names and values exceed the " + SIZE_LIMIT + "-byte limit");
        }
        size = grown;
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value.clone());
    }

    private void remove(String name) {
        List<byte[]> removed = values.remove(name);
        if (removed != null) {
            size -= name.length() + removed.stream().mapToLong(v -> v.length).sum();
        }
    }

    private void checkMutable() throws HeaderRejected {
        if (!mutable) {
            throw new HeaderRejected("immutable");
        }
    }

    private static String checkedName(String name) throws HeaderRejected {
        String key = name.toLowerCase(Locale.ROOT);
        if (!isToken(key)) {
            throw new HeaderRejected("invalid-syntax");
        }
        if (FORBIDDEN.contains(key)) {
            throw new HeaderRejected("forbidden");
        }
        return key;
    }

    private static void checkValue(byte[] value) throws HeaderRejected {
        if (!isValue(value)) {
            throw new HeaderRejected("invalid-syntax");
        }
    }

    /** An RFC 9110 token, as {@code http::HeaderName::from_bytes} accepts. */
    private static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 0x7f
                && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0));
    }

    /** Visible ASCII, space, tab and obs-text, as {@code http::HeaderValue::from_bytes} accepts. */
    private static boolean isValue(byte[] value) {
        for (byte b : value) {
            int c = b & 0xff;
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A {@code header-error} for the guest; {@code label} is the WIT case. */
    static final class HeaderRejected extends Exception {
        private final String label;

        HeaderRejected(String label) {
            super(label, null, false, false);
            this.label = label;
        }

        String label() {
            return label;
        }
    }
}
