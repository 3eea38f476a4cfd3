package dev.spinj.cm.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class InterfaceNameTest {
    @Test
    void zeroMinorVersionsShareATrack() {
        assertEquals(InterfaceName.track("wasi:io/streams@0.2.0"), InterfaceName.track("wasi:io/streams@0.2.3"));
        assertEquals(InterfaceName.track("wasi:io/streams@0.2.0"), InterfaceName.track("wasi:io/streams@0.2.12"));
        assertNotEquals(InterfaceName.track("wasi:io/streams@0.2.0"), InterfaceName.track("wasi:io/streams@0.3.0"));
    }

    @Test
    void majorVersionsShareATrackAndZeroZeroIsExact() {
        assertEquals("a:b/c@1", InterfaceName.track("a:b/c@1.4.2"));
        assertEquals("a:b/c@0.0.3", InterfaceName.track("a:b/c@0.0.3"));
        assertNotEquals(InterfaceName.track("a:b/c@0.0.3"), InterfaceName.track("a:b/c@0.0.4"));
    }

    @Test
    void prereleasesMatchOnlyExactly() {
        assertEquals("wasi:http/handler@0.3.0-rc-2026-03-15", InterfaceName.track("wasi:http/handler@0.3.0-rc-2026-03-15"));
        assertNotEquals(InterfaceName.track("wasi:http/handler@0.3.0-rc-2026-03-15"), InterfaceName.track("wasi:http/handler@0.3.0"));
        assertEquals("greet", InterfaceName.track("greet"));
    }
}
