package dev.spinj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/image/build.sh end to end, after {@code package} (it needs target/spin.jar): the image is
 * built without a Docker daemon (debootstrap, cached under target/image-cache), pushed with skopeo
 * to a real registry over HTTPS, and run by podman + runc exactly as SpinKube's spintainer
 * executor runs it (OCI.md §5.2: its args and env, the runtime config mounted at
 * /runtime-config.toml, port 80), pulling the app from the same registry; {@code /hello} answers.
 */
class ContainerImageIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PODMAN_RUNC = "/usr/sbin/runc";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void imageBuiltWithoutADaemonRunsAnAppFromARegistryWithTheSpintainerArguments() throws Exception {
        for (String[] tool : new String[][] {{"/usr/sbin/debootstrap", "debootstrap"}, {"/usr/bin/skopeo", "skopeo"},
                {"/usr/bin/podman", "podman"}, {PODMAN_RUNC, "runc"}}) {
            RegistryFixture.requireBinary(tool[0], tool[1]);
        }
        TestCertificate certificate = TestCertificate.create();
        try (RegistryFixture registry = RegistryFixture.start(RegistryFixture.Auth.ANONYMOUS, certificate)) {
            String image = registry.host() + "/spinj/runtime:it";
            String app = registry.host() + "/apps/hello:v1";
            // --insecure: skopeo does not know the test CA; the push still goes over HTTPS
            run(Duration.ofMinutes(30), true, "bash", ROOT.resolve("deploy/image/build.sh").toString(),
                    "--jar", Path.of("target/spin.jar").toAbsolutePath().toString(),
                    "--out", Path.of("target/spinj-image").toAbsolutePath().toString(),
                    "--cache", Path.of("target/image-cache").toAbsolutePath().toString(),
                    "--tag", "it", "--push", image, "--insecure");

            JsonNode config = JSON.readTree(run(Duration.ofMinutes(1), false,
                    "skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + image));
            assertEquals("linux", config.path("os").asText());
            JsonNode runConfig = config.path("config");
            assertEquals(List.of("/usr/local/bin/spin"), strings(runConfig.path("Entrypoint")));
            assertEquals(List.of("up", "--listen", "0.0.0.0:80"), strings(runConfig.path("Cmd")));
            assertEquals("/app", runConfig.path("WorkingDir").asText());
            assertTrue(runConfig.path("ExposedPorts").has("80/tcp"), runConfig.toString());

            Path home = Files.createTempDirectory("spinj-user");
            try (SpinProcess push = SpinProcess.start(home, Map.of("HOME", home.toString(), "XDG_CACHE_HOME", home + "/cache",
                    "XDG_CONFIG_HOME", home + "/config", "DOCKER_CONFIG", home + "/docker"),
                    jvmOptions(home, certificate), "registry", "push", "-f", ROOT.resolve("examples/hello-c").toString(), app)) {
                assertEquals(0, push.exitCode(), push.stderr());
            }

            Path mounts = Files.createTempDirectory("spinj-pod");
            Files.writeString(mounts.resolve("runtime-config.toml"), "");
            Files.copy(certificate.dir().resolve("trust.p12"), mounts.resolve("trust.p12"));
            String container = "spinj-it-" + UUID.randomUUID();
            run(Duration.ofMinutes(5), false, "podman", "--runtime", PODMAN_RUNC, "pull", "--tls-verify=false", "--quiet", image);
            try {
                // crun (podman's default) cannot set rlimits on this kind of host; runc with explicit ones can
                run(Duration.ofMinutes(2), false, "podman", "--runtime", PODMAN_RUNC, "run", "-d", "--name", container,
                        "--network", "host", "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=1000:1000",
                        "-e", "SPIN_HTTP_LISTEN_ADDR=0.0.0.0:80",
                        // the test registry's CA, which a cluster would put in the CA bundle
                        "-e", "JAVA_OPTS=-Djavax.net.ssl.trustStore=/certs/trust.p12 -Djavax.net.ssl.trustStorePassword="
                                + TestCertificate.PASSWORD,
                        "-v", mounts.resolve("runtime-config.toml") + ":/runtime-config.toml:ro",
                        "-v", mounts.resolve("trust.p12") + ":/certs/trust.p12:ro",
                        image,
                        "up", "--listen", "0.0.0.0:80", "-f", app, "--runtime-config-file", "/runtime-config.toml");
                HttpResponse<String> hello = awaitAnswer(URI.create("http://127.0.0.1:80/hello"), container);
                assertEquals(200, hello.statusCode(), hello.body());
                assertEquals("Hello, Fermyon!", hello.body().strip());
                assertEquals(200, awaitAnswer(URI.create("http://127.0.0.1:80/.well-known/spin/health"), container).statusCode());
            } finally {
                run(Duration.ofMinutes(1), false, "podman", "--runtime", PODMAN_RUNC, "rm", "-f", container);
                run(Duration.ofMinutes(1), false, "podman", "rmi", "-f", image);
            }
        }
    }

    /** A fresh user (the JVM takes user.home from passwd, not $HOME) trusting the registry's certificate. */
    private static List<String> jvmOptions(Path home, TestCertificate certificate) {
        List<String> options = new ArrayList<>(certificate.trustStoreOptions());
        options.add("-Duser.home=" + home);
        return options;
    }

    /** Polls until the container's server answers; a container that exits fails with its log. */
    private static HttpResponse<String> awaitAnswer(URI uri, String container) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            try {
                return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                String state = run(Duration.ofMinutes(1), false, "podman", "inspect", "--format", "{{.State.Running}}", container).strip();
                if (!state.equals("true") || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no answer from " + uri + " (running: " + state + "); container log:\n"
                            + run(Duration.ofMinutes(1), false, "podman", "logs", container), notYet);
                }
                Thread.sleep(500);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Runs a command, failing with its output when it fails; {@code showProgress} passes stderr through. */
    private static String run(Duration timeout, boolean showProgress, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (showProgress) {
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            builder.redirectErrorStream(true);
        }
        Process process = builder.start();
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (java.io.IOException e) {
                output[0] = new byte[0];
            }
        });
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout);
        }
        reader.join();
        String out = new String(output[0], StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
