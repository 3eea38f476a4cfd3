package dev.spinj.wasm.wasi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Objects;

/**
 * A host path seen through a {@link ConfinedFileSystem}: pure path arithmetic is the host's, but
 * every file operation on it goes to the confining provider, which checks it against the mount root.
 */
final class ConfinedPath implements Path {
    private final ConfinedFileSystem fileSystem;
    private final Path host;

    ConfinedPath(ConfinedFileSystem fileSystem, Path host) {
        this.fileSystem = fileSystem;
        this.host = host;
    }

    /** The host path behind a path of this file system. */
    static Path host(Path path) {
        if (!(path instanceof ConfinedPath confined)) {
            throw new ProviderMismatchException("not a path of a confined mount: " + path);
        }
        return confined.host;
    }

    private Path wrap(Path p) {
        return p == null ? null : new ConfinedPath(fileSystem, p);
    }

    @Override
    public ConfinedFileSystem getFileSystem() {
        return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return host.isAbsolute();
    }

    @Override
    public Path getRoot() {
        return wrap(host.getRoot());
    }

    @Override
    public Path getFileName() {
        return wrap(host.getFileName());
    }

    @Override
    public Path getParent() {
        return wrap(host.getParent());
    }

    @Override
    public int getNameCount() {
        return host.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return wrap(host.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return wrap(host.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return host.startsWith(host(other));
    }

    @Override
    public boolean endsWith(Path other) {
        return host.endsWith(host(other));
    }

    @Override
    public Path normalize() {
        return wrap(host.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return wrap(host.resolve(host(other)));
    }

    @Override
    public Path relativize(Path other) {
        return wrap(host.relativize(host(other)));
    }

    @Override
    public URI toUri() {
        return host.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return wrap(fileSystem.provider().root().resolve(host));
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return wrap(fileSystem.provider().confine(this, ConfinedFileSystemProvider.Access.FOLLOW));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("no file watching in a guest mount");
    }

    @Override
    public int compareTo(Path other) {
        return host.compareTo(host(other));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfinedPath p && p.fileSystem == fileSystem && p.host.equals(host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileSystem, host);
    }

    @Override
    public String toString() {
        return host.toString();
    }
}
