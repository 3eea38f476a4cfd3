package dev.spinj.wasm.wasi.p2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.cm.binary.ComponentParser;
import dev.spinj.cm.runtime.LinkedComponent;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.wasi.WasiContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fs-guest.c (wasi-libc file calls, componentised with the preview1 adapter, so they arrive as
 * wasi:filesystem 0.2.x calls) on a {@code files} mount in a temporary directory.
 */
@Timeout(120)
class WasiFilesystemTest {
    @TempDir
    Path work;

    private final List<InstanceInContext> instances = new ArrayList<>();

    private Path mount() throws IOException {
        return Files.createDirectories(work.resolve("mount"));
    }

    private InstanceInContext instantiate(boolean writable) throws IOException {
        WasiP2Host host = new WasiP2Host(WasiP2Host.Config.of(Map.of())
                .withMounts(List.of(new WasiContexts.Mount("/", mount())), writable));
        try (InputStream in = getClass().getResourceAsStream("/wasip2/fs-guest.wasm")) {
            LinkedComponent linked = host.addTo(new Linker()).link(ComponentParser.parse(in.readAllBytes()), "fs-guest");
            InstanceInContext i = InstanceInContext.instantiate(linked, "fs-guest",
                    WasiInvocation.spin(OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
            instances.add(i);
            return i;
        }
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(i -> i.context().close());
    }

    private static Object run(InstanceInContext i, String op, String a) {
        return i.call("run", op, a, "");
    }

    @Test
    void aGuestReadsAFileOfItsMount() throws IOException {
        Files.writeString(mount().resolve("hello.txt"), "hello from the host");
        assertEquals("hello from the host", run(instantiate(false), "read", "/hello.txt"));
    }

    @Test
    void aGuestListsADirectoryAndStatsWhatIsInIt() throws IOException {
        Files.createDirectories(mount().resolve("static/css"));
        Files.writeString(mount().resolve("static/index.html"), "<html>");
        InstanceInContext i = instantiate(false);
        assertEquals("css,index.html", run(i, "list", "/static"));
        assertEquals("file 6", run(i, "stat", "/static/index.html"));
        assertEquals("dir", ((String) run(i, "stat", "/static/css")).split(" ")[0]);
    }

    @Test
    void aMissingFileIsNoEntry() throws IOException {
        assertEquals("error: No such file or directory", run(instantiate(false), "read", "/missing.txt"));
    }

    @Test
    void aReadOnlyMountRefusesEveryChange() throws IOException {
        Files.writeString(mount().resolve("kept.txt"), "kept");
        Files.createDirectories(mount().resolve("dir"));
        InstanceInContext i = instantiate(false);
        assertEquals("error: Operation not permitted", i.call("run", "write", "/new.txt", "x"));
        assertEquals("error: Operation not permitted", i.call("run", "write", "/kept.txt", "x"));
        assertEquals("error: Operation not permitted", run(i, "mkdir", "/made"));
        assertEquals("error: Operation not permitted", run(i, "unlink", "/kept.txt"));
        assertEquals("error: Operation not permitted", run(i, "rmdir", "/dir"));
        assertEquals("error: Operation not permitted", i.call("run", "rename", "/kept.txt", "/moved.txt"));
        assertFalse(Files.exists(mount().resolve("new.txt")));
        assertEquals("kept", Files.readString(mount().resolve("kept.txt")));
        assertTrue(Files.isDirectory(mount().resolve("dir")));
    }

    @Test
    void aWritableMountTakesWritesAppendsAndRenames() throws IOException {
        InstanceInContext i = instantiate(true);
        assertEquals("ok", i.call("run", "write", "/notes.txt", "one"));
        assertEquals("ok", i.call("run", "append", "/notes.txt", ",two"));
        assertEquals("one,two", run(i, "read", "/notes.txt"));
        assertEquals("ok", run(i, "mkdir", "/archive"));
        assertEquals("ok", i.call("run", "rename", "/notes.txt", "/archive/notes.txt"));
        assertEquals("one,two", Files.readString(mount().resolve("archive/notes.txt"), UTF_8));
        assertEquals("error: File exists", i.call("run", "create-new", "/archive/notes.txt", "again"));
        assertEquals("error: Directory not empty", run(i, "rmdir", "/archive"));
        assertEquals("ok", run(i, "unlink", "/archive/notes.txt"));
        assertEquals("ok", run(i, "rmdir", "/archive"));
        assertFalse(Files.exists(mount().resolve("archive")));
    }

    @Test
    void aSymlinkInsideTheMountIsFollowedAndReadBack() throws IOException {
        Files.writeString(mount().resolve("target.txt"), "through the link");
        InstanceInContext i = instantiate(true);
        assertEquals("ok", i.call("run", "symlink", "target.txt", "/link.txt"));
        assertEquals("target.txt", run(i, "readlink", "/link.txt"));
        assertEquals("through the link", run(i, "read", "/link.txt"));
        assertEquals("link", ((String) run(i, "lstat", "/link.txt")).split(" ")[0]);
        assertEquals("same", i.call("run", "same", "/link.txt", "/target.txt"));
    }

    @Test
    void aSymlinkOutOfTheMountLeadsNowhere() throws IOException {
        Path secret = Files.writeString(work.resolve("secret.txt"), "host secret");
        Files.createSymbolicLink(mount().resolve("escape"), secret);
        Files.createSymbolicLink(mount().resolve("up"), work);
        InstanceInContext i = instantiate(true);
        assertTrue(((String) run(i, "read", "/escape")).startsWith("error: "), "the link does not reach the host file");
        assertTrue(((String) run(i, "read", "/up/secret.txt")).startsWith("error: "));
        assertTrue(((String) i.call("run", "write", "/up/planted.txt", "x")).startsWith("error: "));
        assertFalse(Files.exists(work.resolve("planted.txt")));
    }

    @Test
    void dotDotCannotClimbOutOfTheMount() throws IOException {
        Files.writeString(work.resolve("secret.txt"), "host secret");
        Files.createDirectories(mount().resolve("sub"));
        InstanceInContext i = instantiate(true);
        assertTrue(((String) run(i, "read", "sub/../../secret.txt")).startsWith("error: "));
        assertTrue(((String) run(i, "read", "/../secret.txt")).startsWith("error: "));
    }

    @Test
    void twoFilesAreDifferentObjects() throws IOException {
        Files.writeString(mount().resolve("a.txt"), "a");
        Files.writeString(mount().resolve("b.txt"), "b");
        InstanceInContext i = instantiate(false);
        assertEquals("different", i.call("run", "same", "/a.txt", "/b.txt"));
        assertEquals("same", i.call("run", "same", "/a.txt", "/./a.txt"));
    }
}
