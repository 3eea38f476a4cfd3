package dev.spinj.loader.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The few OCI distribution endpoints Spin's artifacts need, for one repository: manifests and
 * blobs up and down. Authorization follows the registry's {@code WWW-Authenticate} challenge:
 * Basic with the stored credentials, or a Bearer token from the challenge's realm (asked with the
 * credentials when there are some, anonymously otherwise), kept for the client's lifetime.
 * {@code insecure} means plain HTTP, as Spin's {@code -k} does.
 */
public final class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 5;

    /** The token scope's actions: what the client will do with the repository. */
    public enum Access {
        PULL("pull"), PUSH("pull,push");

        private final String actions;

        Access(String actions) {
            this.actions = actions;
        }
    }

    /** A manifest as the registry served it: the exact bytes (their digest is the manifest's identity). */
    public record FetchedManifest(byte[] bytes, String mediaType, String digest) {}

    private final Reference reference;
    private final URI base;
    private final Optional<Credentials> credentials;
    private final Access access;
    private final HttpClient http;
    private volatile String authorization;

    public RegistryClient(Reference reference, boolean insecure, Optional<Credentials> credentials, Access access) {
        this.reference = reference;
        this.base = URI.create((insecure ? "http" : "https") + "://" + reference.apiHost() + "/v2/");
        this.credentials = credentials;
        this.access = access;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code GET /v2/}, authorized: how {@code spin registry login} checks credentials. */
    public void checkAccess() throws IOException {
        HttpResponse<InputStream> response = send(() -> HttpRequest.newBuilder(base).GET());
        expect(response, "GET " + base, 200);
    }

    public FetchedManifest getManifest() throws IOException {
        URI uri = repositoryUri("manifests/" + reference.manifestReference());
        HttpResponse<InputStream> response = send(() -> HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT)).GET());
        expect(response, "GET " + uri, 200);
        byte[] bytes;
        try (InputStream body = response.body()) {
            bytes = body.readAllBytes();
        }
        String digest = Digests.of(bytes);
        if (reference.digest() != null && !reference.digest().equals(digest)) {
            throw new RegistryException("manifest from " + uri + " has digest " + digest + ", not the requested " + reference.digest());
        }
        return new FetchedManifest(bytes, response.headers().firstValue("Content-Type").orElse(""), digest);
    }

    /**
     * Streams a blob into {@code out}, following redirects to blob storage (without our
     * credentials when the host changes), and refuses it unless its size and sha256 match.
     */
    public void getBlob(Descriptor blob, OutputStream out) throws IOException {
        URI uri = repositoryUri("blobs/" + Digests.requireValid(blob.digest()));
        HttpResponse<InputStream> response = send(() -> HttpRequest.newBuilder(uri).GET());
        for (int hops = 0; hops < MAX_REDIRECTS && isRedirect(response.statusCode()); hops++) {
            URI target = response.uri().resolve(response.headers().firstValue("Location")
                    .orElseThrow(() -> new RegistryException("redirect without Location from " + uri)));
            response.body().close();
            HttpRequest.Builder next = HttpRequest.newBuilder(target).GET();
            if (authorization != null && target.getAuthority().equals(base.getAuthority())) {
                next.header("Authorization", authorization);
            }
            response = exchange(next.build());
        }
        expect(response, "GET " + uri, 200);
        CountingOutputStream counted = new CountingOutputStream(out);
        String digest;
        try (InputStream body = response.body()) {
            digest = Digests.copy(body, counted);
        }
        if (!digest.equals(blob.digest()) || counted.count != blob.size()) {
            throw new RegistryException("blob " + blob.digest() + " from " + uri + " failed verification: got "
                    + counted.count + " bytes with digest " + digest + ", expected " + blob.size() + " bytes");
        }
    }

    public boolean hasBlob(String digest) throws IOException {
        URI uri = repositoryUri("blobs/" + Digests.requireValid(digest));
        HttpResponse<InputStream> response = send(() -> HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 404) {
            return false;
        }
        expect(response, "HEAD " + uri, 200);
        response.body().close();
        return true;
    }

    /** A monolithic upload: {@code POST …/blobs/uploads/}, then {@code PUT <Location>?digest=} with the bytes. */
    public void putBlob(Blob content) throws IOException {
        URI start = repositoryUri("blobs/uploads/");
        HttpResponse<InputStream> started = send(() -> HttpRequest.newBuilder(start).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(started, "POST " + start, 202);
        started.body().close();
        String location = started.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryException("POST " + start + " answered 202 without a Location"));
        URI session = base.resolve(location);
        URI put = URI.create(session + (session.getRawQuery() == null ? "?" : "&")
                + "digest=" + URLEncoder.encode(content.descriptor().digest(), StandardCharsets.UTF_8));
        HttpResponse<InputStream> done = send(() -> HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream").PUT(content.publisher()));
        expect(done, "PUT " + put, 201);
        done.body().close();
    }

    /** Stores a manifest under the reference's tag and returns its digest. */
    public String putManifest(byte[] manifest, String mediaType) throws IOException {
        URI uri = repositoryUri("manifests/" + reference.manifestReference());
        HttpResponse<InputStream> response = send(() -> HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        expect(response, "PUT " + uri, 201);
        response.body().close();
        return response.headers().firstValue("Docker-Content-Digest").orElse(Digests.of(manifest));
    }

    /** Builds a request afresh for each attempt (a body publisher is read once per send). */
    private interface RequestFactory {
        HttpRequest.Builder create() throws IOException;
    }

    private URI repositoryUri(String path) {
        return base.resolve(reference.repository() + "/" + path);
    }

    /** Sends with the current authorization; on a 401 answers the challenge once and resends. */
    private HttpResponse<InputStream> send(RequestFactory request) throws IOException {
        HttpResponse<InputStream> response = exchange(authorized(request.create()));
        if (response.statusCode() != 401) {
            return response;
        }
        if (!answer(response)) {
            return response;
        }
        response.body().close();
        return exchange(authorized(request.create()));
    }

    private HttpRequest authorized(HttpRequest.Builder builder) {
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new RegistryException("cannot connect to " + request.uri().getScheme() + "://" + request.uri().getAuthority()
                    + (request.uri().getScheme().equals("https") ? " (a plain-HTTP registry needs --insecure)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted talking to " + request.uri(), e);
        }
    }

    /** Sets {@link #authorization} from a 401's challenge; false if there is nothing new to try. */
    private boolean answer(HttpResponse<?> unauthorized) throws IOException {
        String previous = authorization;
        Challenge challenge = Challenge.parse(unauthorized.headers().firstValue("WWW-Authenticate").orElse(null))
                .orElseThrow(() -> new RegistryException(unauthorized.request().method() + " " + unauthorized.uri()
                        + " answered 401 without a WWW-Authenticate challenge"));
        switch (challenge.scheme()) {
            case "basic" -> {
                if (credentials.isEmpty()) {
                    return false;
                }
                authorization = "Basic " + credentials.get().encoded();
            }
            case "bearer" -> authorization = "Bearer " + token(challenge);
            default -> throw new RegistryException("unsupported authentication scheme '" + challenge.scheme() + "' from " + unauthorized.uri());
        }
        return !authorization.equals(previous);
    }

    private String token(Challenge challenge) throws IOException {
        String realm = challenge.param("realm");
        if (realm == null) {
            throw new RegistryException("Bearer challenge from " + base + " names no realm");
        }
        StringBuilder query = new StringBuilder();
        if (challenge.param("service") != null) {
            query.append("service=").append(URLEncoder.encode(challenge.param("service"), StandardCharsets.UTF_8));
        }
        if (reference.repository() != null) { // null when logging in: a token for the registry itself
            query.append(query.isEmpty() ? "" : "&").append("scope=")
                    .append(URLEncoder.encode("repository:" + reference.repository() + ":" + access.actions, StandardCharsets.UTF_8));
        }
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        credentials.ifPresent(c -> request.header("Authorization", "Basic " + c.encoded()));
        HttpResponse<InputStream> response = exchange(request.build());
        expect(response, "GET " + uri + " (token)", 200);
        JsonNode json;
        try (InputStream body = response.body()) {
            json = JSON.readTree(body);
        }
        String token = json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException("token server " + realm + " answered without a token");
        }
        return token;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Turns any unexpected status into an exception carrying the registry's own error codes. */
    private static void expect(HttpResponse<InputStream> response, String what, int status) throws IOException {
        if (response.statusCode() == status) {
            return;
        }
        String detail;
        try (InputStream body = response.body()) {
            detail = errors(body.readNBytes(16 * 1024));
        }
        throw new RegistryException(what + " answered " + response.statusCode() + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** {@code {"errors":[{"code","message"}]}} as {@code CODE: message; …}, or the body's start. */
    private static String errors(byte[] body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            StringBuilder text = new StringBuilder();
            for (JsonNode error : errors) {
                text.append(text.isEmpty() ? "" : "; ").append(error.path("code").asText()).append(": ").append(error.path("message").asText());
            }
            if (!text.isEmpty()) {
                return text.toString();
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        return raw.length() > 200 ? raw.substring(0, 200) + "…" : raw;
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
