package dev.spinj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at test time with openssl (so no
 * key is committed): {@code cert.pem} + {@code key.pem} (PKCS#8) for {@code --tls-cert}/{@code --tls-key},
 * {@code trust.p12} trusting it, {@code server.p12} holding both for a Java HTTPS server.
 *
 * @param dir where the files are
 */
record TestCertificate(Path dir) {
    static final String PASSWORD = "changeit";

    static TestCertificate create() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("spinj-tls");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        run(dir, "openssl", "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-name", "server",
                "-out", "server.p12", "-passout", "pass:" + PASSWORD);
        run(dir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "spinj-test", "-file", "cert.pem", "-keystore", "trust.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        return new TestCertificate(dir);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    Path cert() {
        return dir.resolve("cert.pem");
    }

    Path key() {
        return dir.resolve("key.pem");
    }

    /** JVM options that make a child JVM trust this certificate. */
    List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + dir.resolve("trust.p12"), "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    }

    /** A client context trusting this certificate only. */
    SSLContext clientContext() throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("trust.p12"));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A server context presenting this certificate. */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load("server.p12"), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private KeyStore load(String file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
