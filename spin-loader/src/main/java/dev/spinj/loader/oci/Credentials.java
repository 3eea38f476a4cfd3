package dev.spinj.loader.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry user name and password (or token), as {@code docker login} and {@code spin registry login} keep them. */
public record Credentials(String username, String password) {

    /** {@code user:password}, base64: the stored form and the Basic authorization value. */
    public String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Credentials decode(String encoded) {
        String pair = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("stored credentials are not base64 of user:password");
        }
        return new Credentials(pair.substring(0, colon), pair.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]"; // never print the secret
    }
}
