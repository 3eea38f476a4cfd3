package dev.spinj.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wasm sources given as {@code { url, digest }}: each digest is downloaded once into a cache
 * directory as {@code sha256-<hex>.wasm}, verified before it takes that name, and then read from
 * there, so a second {@code spin up} needs no network and a half-written file is never used.
 * TLS trust is the JVM's default ({@code javax.net.ssl.trustStore} to add a certificate authority).
 */
public final class ComponentDownloads {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path cacheDir;
    private final Supplier<HttpClient> client;

    public ComponentDownloads(Path cacheDir, HttpClient client) {
        this(cacheDir, () -> client);
    }

    private ComponentDownloads(Path cacheDir, Supplier<HttpClient> client) {
        this.cacheDir = cacheDir;
        this.client = client;
    }

    /** The shared download cache: {@code ${XDG_CACHE_HOME:-~/.cache}/spinj/downloads}. */
    public static ComponentDownloads inUserCache(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cacheHome = xdg == null || xdg.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return new ComponentDownloads(cacheHome.resolve("spinj").resolve("downloads"), new LazyClient());
    }

    /**
     * The client is built on the first download: building one sets up TLS and a selector thread,
     * about 0.3 s of {@code spin up}'s start-up, and most apps download nothing.
     */
    private static final class LazyClient implements Supplier<HttpClient> {
        private HttpClient client;

        @Override
        public synchronized HttpClient get() {
            if (client == null) {
                client = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(TIMEOUT)
                        .build();
            }
            return client;
        }
    }

    /** The local file holding the content of {@code url}, downloaded now unless the cache has it. */
    public Path fetch(String url, String digest) throws IOException {
        Path cached = cacheDir.resolve(digest.replace(':', '-') + ".wasm");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        Files.createDirectories(cacheDir);
        Path partial = Files.createTempFile(cacheDir, "download-", ".part");
        try {
            String downloaded = download(url, partial);
            if (!downloaded.equals(digest)) {
                throw new IOException("invalid content digest; expected " + digest + ", downloaded " + downloaded);
            }
            Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return cached;
        } catch (IOException e) {
            throw new IOException("Error fetching source URL \"" + url + "\"", e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Streams the body into {@code into}, hashing as it goes; returns {@code sha256:<hex>}. */
    private String download(String url, Path into) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading", e);
        }
        MessageDigest sha256 = sha256();
        try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(into)) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode() + " for " + url);
            }
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = body.read(buf)) > 0; ) {
                sha256.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
