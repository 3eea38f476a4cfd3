package dev.spinj.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real OCI registry, Debian's {@code docker-registry} (CNCF distribution 2.8), on a loopback
 * port chosen by the kernel, with its storage in a temporary directory: anonymous, with htpasswd
 * Basic auth, or with Bearer tokens from a token server run here (RS256 JWTs, as Docker Hub and
 * GHCR use). A missing binary fails the test, naming the Debian package.
 */
final class RegistryFixture implements AutoCloseable {
    static final String USER = "spinj";
    static final String PASSWORD = "s3cret-pw";
    private static final Pattern LISTENING = Pattern.compile("listening on (?:\\[::\\]|127\\.0\\.0\\.1):(\\d+)");

    enum Auth { ANONYMOUS, BASIC, TOKEN }

    private final Path dir;
    private final Process process;
    private final HttpServer tokenServer;
    private final int port;

    private RegistryFixture(Path dir, Process process, HttpServer tokenServer, int port) {
        this.dir = dir;
        this.process = process;
        this.tokenServer = tokenServer;
        this.port = port;
    }

    static RegistryFixture start(Auth auth) throws Exception {
        return start(auth, null);
    }

    /** Over HTTPS with {@code tls}'s certificate when it is given, as a registry a pod reaches must be. */
    static RegistryFixture start(Auth auth, TestCertificate tls) throws Exception {
        Path binary = requireBinary("/usr/bin/docker-registry", "docker-registry");
        Path dir = Files.createTempDirectory("spinj-registry");
        HttpServer tokenServer = null;
        String authConfig = "";
        if (auth == Auth.BASIC) {
            Path htpasswd = requireBinary("/usr/bin/htpasswd", "apache2-utils");
            Files.writeString(dir.resolve("htpasswd"), run(dir, htpasswd.toString(), "-Bbn", USER, PASSWORD));
            authConfig = "auth: {htpasswd: {realm: test, path: " + dir.resolve("htpasswd") + "}}\n";
        } else if (auth == Auth.TOKEN) {
            run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "token.key", "-out", "token.crt",
                    "-days", "2", "-subj", "/CN=test-issuer");
            tokenServer = tokenServer(dir);
            authConfig = "auth: {token: {realm: http://127.0.0.1:" + tokenServer.getAddress().getPort() + "/token, "
                    + "service: test-registry, issuer: test-issuer, rootcertbundle: " + dir.resolve("token.crt") + "}}\n";
        }
        Files.writeString(dir.resolve("config.yml"), "version: 0.1\nlog: {level: info}\n"
                + "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}, delete: {enabled: true}}\n"
                + "http: {addr: 127.0.0.1:0, secret: test-only"
                + (tls == null ? "" : ", tls: {certificate: " + tls.cert() + ", key: " + tls.key() + "}") + "}\n" + authConfig);
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(binary.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int port = awaitPort(process, log, tls);
        return new RegistryFixture(dir, process, tokenServer, port);
    }

    /** A test that needs a Debian tool fails, naming the package, rather than being skipped. */
    static Path requireBinary(String path, String debianPackage) {
        Path binary = Path.of(path);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError(path + " is missing: install the Debian package `" + debianPackage
                    + "` (apt-get install " + debianPackage + ")");
        }
        return binary;
    }

    private static int awaitPort(Process process, Path log, TestCertificate tls) throws Exception {
        HttpClient client = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(tls.clientContext()).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                HttpResponse<Void> ping = client.send(HttpRequest.newBuilder(
                        URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 200 || ping.statusCode() == 401) {
                    return port;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("docker-registry did not start: " + (Files.exists(log) ? Files.readString(log) : "no log"));
    }

    /** Answers {@code GET /token?service&scope} for {@link #USER}/{@link #PASSWORD} with a JWT granting the scope. */
    private static HttpServer tokenServer(Path dir) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(dir.resolve("token.key"), "PRIVATE KEY")));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(dir.resolve("token.crt")));
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            try (exchange) {
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                String query = exchange.getRequestURI().getQuery();
                String scope = query == null ? "" : Stream.of(query.split("&")).filter(p -> p.startsWith("scope="))
                        .map(p -> p.substring(6)).findFirst().orElse("");
                String access = "[]";
                String[] parts = scope.split(":");
                if (parts.length == 3) {
                    access = "[{\"type\":\"repository\",\"name\":\"" + parts[1] + "\",\"actions\":[\""
                            + String.join("\",\"", parts[2].split(",")) + "\"]}]";
                }
                long now = Instant.now().getEpochSecond();
                String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(cert.getEncoded()) + "\"]}";
                String claims = "{\"iss\":\"test-issuer\",\"sub\":\"" + USER + "\",\"aud\":\"test-registry\",\"exp\":" + (now + 300)
                        + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID() + "\",\"access\":" + access + "}";
                String signingInput = b64url(header.getBytes(StandardCharsets.UTF_8)) + "." + b64url(claims.getBytes(StandardCharsets.UTF_8));
                Signature rs256 = Signature.getInstance("SHA256withRSA");
                rs256.initSign(key);
                rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                String jwt = signingInput + "." + b64url(rs256.sign());
                byte[] body = ("{\"token\":\"" + jwt + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
        server.start();
        return server;
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] pem(Path file, String type) throws IOException {
        String text = Files.readString(file);
        String body = text.substring(text.indexOf("-----BEGIN " + type + "-----") + ("-----BEGIN " + type + "-----").length(),
                text.indexOf("-----END " + type + "-----"));
        return Base64.getMimeDecoder().decode(body);
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        return output;
    }

    /** {@code 127.0.0.1:<port>}: the registry part of references. */
    String host() {
        return "127.0.0.1:" + port;
    }

    /** The registry's storage: where a test can corrupt a blob behind the registry's back. */
    Path blobData(String digest) {
        String hex = digest.substring("sha256:".length());
        return dir.resolve("data/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tokenServer != null) {
            tokenServer.stop(0);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
