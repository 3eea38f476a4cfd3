package dev.spinj.wasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation Chicory's WASI performs on a mount goes through the confined file system; none of
 * them reaches past a symlink that leads out of the mount (real files in a temp dir).
 */
class ConfinedFileSystemTest {
    @TempDir
    Path tmp;
    private Path mount;
    private Path outside;
    private Path root;

    @BeforeEach
    void layout() throws Exception {
        mount = Files.createDirectories(tmp.resolve("mount"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(mount.resolve("inside.txt"), "inside");
        Files.writeString(outside.resolve("outside.txt"), "outside");
        Files.createSymbolicLink(mount.resolve("abs-link"), outside.resolve("outside.txt"));
        Files.createSymbolicLink(mount.resolve("outside-dir"), Path.of("../outside"));
        Files.createSymbolicLink(mount.resolve("alias"), Path.of("inside.txt"));
        root = new ConfinedFileSystem(mount).root();
    }

    @Test
    void readsInsideWorkAndThroughOutwardLinksLookAbsent() throws Exception {
        assertEquals("inside", Files.readString(root.resolve("alias")));
        assertThrows(NoSuchFileException.class, () -> Files.readString(root.resolve("abs-link")));
        assertThrows(NoSuchFileException.class, () -> Files.readString(root.resolve("outside-dir/outside.txt")));
        assertThrows(NoSuchFileException.class, () -> Files.readString(root.resolve("../outside/outside.txt")));
    }

    @Test
    void statFollowsOnlyInwardLinksButTheLinkItselfIsVisible() throws Exception {
        assertTrue(Files.isRegularFile(root.resolve("alias")));
        assertFalse(Files.exists(root.resolve("abs-link")));
        assertTrue(Files.isSymbolicLink(root.resolve("abs-link")));
        assertThrows(NoSuchFileException.class,
                () -> Files.readAttributes(root.resolve("outside-dir/outside.txt"), BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void listingAnOutwardDirectoryLinkIsRefused() throws Exception {
        assertThrows(NoSuchFileException.class, () -> Files.list(root.resolve("outside-dir")).close());
        try (Stream<Path> entries = Files.list(root)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("abs-link", "alias", "inside.txt", "outside-dir"), names);
        }
    }

    @Test
    void nothingIsCreatedRenamedOrDeletedOutside() throws Exception {
        assertThrows(NoSuchFileException.class, () -> Files.writeString(root.resolve("outside-dir/new.txt"), "x"));
        assertThrows(NoSuchFileException.class, () -> Files.createDirectory(root.resolve("outside-dir/newdir")));
        assertThrows(NoSuchFileException.class,
                () -> Files.move(root.resolve("inside.txt"), root.resolve("outside-dir/moved.txt")));
        assertThrows(NoSuchFileException.class, () -> Files.delete(root.resolve("outside-dir/outside.txt")));
        assertThrows(NoSuchFileException.class, () -> Files.writeString(root.resolve("abs-link"), "overwritten"));
        try (Stream<Path> entries = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("outside.txt")), entries.toList());
        }
        assertEquals("outside", Files.readString(outside.resolve("outside.txt")));
        assertEquals("inside", Files.readString(mount.resolve("inside.txt")));
    }

    @Test
    void deletingAnOutwardLinkRemovesTheLinkNotItsTarget() throws Exception {
        Files.delete(root.resolve("abs-link"));
        assertFalse(Files.exists(mount.resolve("abs-link"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("outside.txt")));
    }

    @Test
    void linksToOutsideCannotBeMade() throws Exception {
        assertThrows(NoSuchFileException.class,
                () -> Files.createSymbolicLink(root.resolve("new-link"), root.resolve("../outside/outside.txt")));
        assertThrows(NoSuchFileException.class, () -> Files.createLink(root.resolve("hard"), root.resolve("abs-link")));
        assertFalse(Files.exists(mount.resolve("new-link"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(mount.resolve("hard"), LinkOption.NOFOLLOW_LINKS));
        Files.createSymbolicLink(root.resolve("inward"), root.resolve("inside.txt"));
        assertEquals("inside", Files.readString(root.resolve("inward")));
    }

    @Test
    void linkWhoseTextStaysInsideButWhichResolvesOutsideCannotBeMade() throws Exception {
        Files.createSymbolicLink(root.resolve("here"), root.getFileSystem().getPath("."));
        // textually mount/outside/outside.txt; on disk here -> mount, then .. leaves it
        var sneaky = root.getFileSystem().getPath("here/../outside/outside.txt");
        assertThrows(NoSuchFileException.class, () -> Files.createSymbolicLink(root.resolve("sneaky"), sneaky));
        assertFalse(Files.exists(mount.resolve("sneaky"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void timesOfAnOutsideFileCannotBeSet() throws Exception {
        FileTime before = Files.getLastModifiedTime(outside.resolve("outside.txt"));
        var view = Files.getFileAttributeView(root.resolve("abs-link"), BasicFileAttributeView.class);
        assertThrows(NoSuchFileException.class, () -> view.setTimes(FileTime.fromMillis(0), null, null));
        assertEquals(before, Files.getLastModifiedTime(outside.resolve("outside.txt")));
    }

    @Test
    void theMountRootItselfCannotBeRemovedOrRenamed() throws Exception {
        Path empty = new ConfinedFileSystem(Files.createDirectories(tmp.resolve("empty"))).root();
        assertThrows(NoSuchFileException.class, () -> Files.delete(empty));
        assertThrows(NoSuchFileException.class, () -> Files.delete(empty.resolve(".")));
        assertTrue(Files.isDirectory(tmp.resolve("empty")));
    }
}
