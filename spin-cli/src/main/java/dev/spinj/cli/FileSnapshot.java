package dev.spinj.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The modification time and size of every file matching some {@link WatchPattern}, taken at one
 * moment; two snapshots compared give the files created, changed or deleted in between.
 */
final class FileSnapshot {
    private record Stamp(long modifiedMillis, long size) {}

    private final Map<Path, Stamp> files;

    private FileSnapshot(Map<Path, Stamp> files) {
        this.files = files;
    }

    static FileSnapshot take(List<WatchPattern> patterns) {
        Map<Path, Stamp> files = new HashMap<>();
        for (WatchPattern pattern : patterns) {
            Path root = pattern.scanRoot();
            if (Files.isRegularFile(root)) {
                record(root, files);
                continue;
            }
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(pattern::matches).forEach(file -> record(file, files));
            } catch (IOException | UncheckedIOException e) {
                // a file vanished during the scan (an editor's swap file): the next scan sees the result
            }
        }
        return new FileSnapshot(files);
    }

    private static void record(Path file, Map<Path, Stamp> into) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            into.put(file, new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size()));
        } catch (IOException e) {
            // deleted between listing and reading: absent from this snapshot
        }
    }

    Set<Path> changedSince(FileSnapshot earlier) {
        Set<Path> changed = new HashSet<>();
        files.forEach((file, stamp) -> {
            if (!stamp.equals(earlier.files.get(file))) {
                changed.add(file);
            }
        });
        for (Path file : earlier.files.keySet()) {
            if (!files.containsKey(file)) {
                changed.add(file);
            }
        }
        return changed;
    }
}
