package dev.spinj.loader.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** OCI content digests: {@code sha256:<lower-case hex>}. */
public final class Digests {
    private static final String PREFIX = "sha256:";

    private Digests() {}

    public static String of(byte[] bytes) {
        return PREFIX + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static String of(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return PREFIX + HexFormat.of().formatHex(sha.digest());
    }

    /** Copies {@code in} to {@code out} and returns the digest of what went through. */
    static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
            out.write(buf, 0, n);
        }
        return PREFIX + HexFormat.of().formatHex(sha.digest());
    }

    /** Refuses anything but a well-formed sha256 digest: digests become file names in the cache. */
    public static String requireValid(String digest) throws IOException {
        if (digest == null || !digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IOException("unsupported or malformed digest '" + digest + "' (expected sha256:<64 hex digits>)");
        }
        return digest;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
