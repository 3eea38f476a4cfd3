package dev.spinj.trigger.http.wagi;

import dev.spinj.wasm.http.Header;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP response a WAGI module wrote to stdout as CGI output (SPEC 8, wagi's
 * {@code compose_response}).
 *
 * @param status the status to answer
 * @param headers response headers, names lower-cased, one per name
 * @param body the bytes after the blank line, verbatim
 */
public record CgiResponse(int status, List<Header> headers, byte[] body) {

    private static final Logger LOG = LoggerFactory.getLogger(CgiResponse.class);

    private static final String INSUFFICIENT_HEADERS = "Exactly one of 'location' or 'content-type' must be specified";

    /**
     * Parses a module's whole stdout. A {@code Status} that is not a status code answers 502, as
     * Spin does, with the rest of the output kept.
     *
     * @throws WagiException 500 when stdout is empty, the header part is not UTF-8, a header value
     *     is not a valid HTTP header value, or none of {@code content-type}, {@code status},
     *     {@code location} is given (then with Spin's explanation as the body)
     */
    public static CgiResponse parse(byte[] stdout) {
        if (stdout.length == 0) {
            throw new WagiException(500, "The component is configured to use the WAGI executor "
                    + "but did not write to stdout. Check the `executor` in spin.toml.");
        }
        int bodyStart = bodyStart(stdout);
        // Without a blank line nothing counts as headers, so the output is insufficient below.
        byte[] headerPart = bodyStart < 0 ? new byte[0] : withoutCarriageReturns(stdout, bodyStart - 1);
        byte[] body = bodyStart < 0 ? new byte[0] : Arrays.copyOfRange(stdout, bodyStart, stdout.length);

        int status = 200;
        boolean sufficient = false;
        boolean explicitStatus = false;
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields(decode(headerPart)).entrySet()) {
            String name = field.getKey();
            String value = field.getValue();
            switch (name) {
                case "content-type" -> {
                    sufficient = true;
                    headers.put(name, checkedValue(name, value));
                }
                case "status" -> {
                    sufficient = true;
                    explicitStatus = true;
                    status = statusCode(value);
                }
                case "location" -> {
                    sufficient = true;
                    headers.put(name, checkedValue(name, value));
                    if (!explicitStatus) {
                        status = 302;
                    }
                }
                default -> {
                    if (isToken(name)) {
                        headers.put(name, checkedValue(name, value));
                    } else {
                        LOG.error("Invalid header name '{}' in WAGI output; skipped", name);
                    }
                }
            }
        }
        if (!sufficient) {
            throw new WagiException(500, INSUFFICIENT_HEADERS, INSUFFICIENT_HEADERS.getBytes(StandardCharsets.UTF_8));
        }
        List<Header> headerList = new ArrayList<>();
        headers.forEach((n, v) -> headerList.add(new Header(n, v)));
        return new CgiResponse(status, List.copyOf(headerList), body);
    }

    /** Where the body starts: after the first {@code \n\n}, {@code \r} ignored; -1 if none. */
    private static int bodyStart(byte[] stdout) {
        byte last = 0;
        for (int i = 0; i < stdout.length; i++) {
            byte b = stdout[i];
            if (b == '\r') {
                continue;
            }
            if (b == '\n' && last == '\n') {
                return i + 1;
            }
            last = b;
        }
        return -1;
    }

    private static byte[] withoutCarriageReturns(byte[] stdout, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end);
        for (int i = 0; i < end; i++) {
            if (stdout[i] != '\r') {
                out.write(stdout[i]);
            }
        }
        return out.toByteArray();
    }

    private static String decode(byte[] headerPart) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(headerPart))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WagiException(500, "WAGI output headers are not valid UTF-8");
        }
    }

    /** Header lines split at the first ':', trimmed, names lower-cased; the last value of a name wins. */
    private static Map<String, String> fields(String headerPart) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : headerPart.strip().split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                LOG.warn("Corrupt header {} in WAGI output; ignored", line);
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            fields.put(name, line.substring(colon + 1).strip());
        }
        return fields;
    }

    /** {@code Status: 404 Not Found} gives 404; anything but three digits from 100 gives 502. */
    private static int statusCode(String value) {
        int space = value.indexOf(' ');
        String code = space < 0 ? value : value.substring(0, space);
        if (code.length() == 3 && code.chars().allMatch(c -> c >= '0' && c <= '9') && code.charAt(0) != '0') {
            return Integer.parseInt(code);
        }
        LOG.warn("Failed to parse WAGI status code {}; answering 502", code);
        return 502;
    }

    // Spin unwraps the value here and panics the request task; answering 500 is kinder.
    private static String checkedValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new WagiException(500, "Invalid value for header '" + name + "' in WAGI output");
            }
        }
        return value;
    }

    /** An RFC 9110 token, what the http crate accepts as a header name. */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
