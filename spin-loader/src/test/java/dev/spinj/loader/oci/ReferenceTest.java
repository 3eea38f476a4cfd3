package dev.spinj.loader.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's reference grammar and Spin's rule for telling references from file names. */
class ReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void partsFollowDockersDefaults() {
        assertEquals(new Reference("ghcr.io", "me/app", "v1", null), Reference.parse("ghcr.io/me/app:v1"));
        assertEquals(new Reference("127.0.0.1:5000", "app", "latest", null), Reference.parse("127.0.0.1:5000/app"));
        assertEquals(new Reference("localhost", "a/b", "latest", null), Reference.parse("localhost/a/b"));
        assertEquals(new Reference("docker.io", "library/hello", "1.0", null), Reference.parse("hello:1.0"));
        assertEquals(new Reference("docker.io", "me/app", null, DIGEST), Reference.parse("me/app@" + DIGEST));
        assertEquals("index.docker.io", Reference.parse("me/app:v1").credentialKey());
        assertEquals("registry-1.docker.io", Reference.parse("me/app:v1").apiHost());
        assertEquals(DIGEST, Reference.parse("ghcr.io/me/app:v1@" + DIGEST).manifestReference());
    }

    @Test
    void malformedReferencesDoNotParse() {
        assertTrue(Reference.tryParse("ghcr.io/Me/App:v1").isEmpty(), "upper-case repository");
        assertTrue(Reference.tryParse("ghcr.io/me/app@sha256:short").isEmpty());
        assertTrue(Reference.tryParse("./spin.toml").isEmpty());
    }

    @Test
    void onlyLikelyReferencesAreTakenForOne() {
        assertTrue(Reference.isProbablyReference("ghcr.io/me/app:v1"));
        assertTrue(Reference.isProbablyReference("127.0.0.1:5000/app"));
        assertTrue(Reference.isProbablyReference("me/app:v1"));
        assertFalse(Reference.isProbablyReference("spin.toml"));
        assertFalse(Reference.isProbablyReference("app"));
        assertFalse(Reference.isProbablyReference("examples/hello"));
    }

    @Test
    void challengesParseQuotedAndBareParameters() {
        Challenge bearer = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:a/b:pull,push\"").orElseThrow();
        assertEquals("bearer", bearer.scheme());
        assertEquals(Map.of("realm", "https://auth.example/token", "service", "registry.example",
                "scope", "repository:a/b:pull,push"), bearer.params());
        Challenge basic = Challenge.parse("Basic realm=test").orElseThrow();
        assertEquals("basic", basic.scheme());
        assertEquals("test", basic.param("realm"));
    }
}
