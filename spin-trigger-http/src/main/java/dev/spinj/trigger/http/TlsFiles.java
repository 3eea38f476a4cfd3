package dev.spinj.trigger.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --tls-cert} / {@code --tls-key} pair that switches the listener to https.
 *
 * @param certificate PEM certificate chain, the server's own certificate first
 * @param privateKey  the certificate's private key, PEM PKCS#8 (unencrypted)
 */
public record TlsFiles(Path certificate, Path privateKey) {

    /** Reads both files now, so a wrong path or a key that does not fit fails startup, not the first handshake. */
    SslContext serverContext() throws IOException {
        for (Path file : new Path[] {certificate, privateKey}) {
            if (!Files.isReadable(file)) {
                throw new IOException("TLS file \"" + file + "\" does not exist or cannot be read; check --tls-cert and --tls-key");
            }
        }
        try {
            return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build();
        } catch (Exception e) {
            throw new IOException("Failed to read the TLS certificate \"" + certificate + "\" and key \"" + privateKey
                    + "\" (expected a PEM certificate and its PEM PKCS#8 private key)", e);
        }
    }
}
