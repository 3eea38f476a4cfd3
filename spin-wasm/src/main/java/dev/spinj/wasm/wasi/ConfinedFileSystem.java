package dev.spinj.wasm.wasi;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * One mounted directory as the file system Chicory's WASI (and the WASI 0.2 filesystem host in
 * {@code wasi.p2}) runs on. Chicory checks only the text
 * of a guest path; the host follows symlinks and {@code ..} wherever they lead, so a link inside
 * a mounted directory (as {@code --direct-mounts} serves them) would reach any host file. Every
 * operation on a path of this file system is checked by {@link ConfinedFileSystemProvider}
 * against the real mount root instead.
 */
public final class ConfinedFileSystem extends FileSystem {
    private final ConfinedFileSystemProvider provider;

    /** @param hostDirectory the mounted directory; resolved to its real path once, here */
    public ConfinedFileSystem(Path hostDirectory) throws IOException {
        this.provider = new ConfinedFileSystemProvider(this, hostDirectory.toRealPath());
    }

    /** The mount root, the directory to preopen. */
    public Path root() {
        return new ConfinedPath(this, provider.root());
    }

    @Override
    public ConfinedFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // nothing to release: the host file system stays open
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return provider.root().getFileSystem().getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(root());
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return provider.root().getFileSystem().supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return new ConfinedPath(this, provider.root().getFileSystem().getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher host = provider.root().getFileSystem().getPathMatcher(syntaxAndPattern);
        return path -> host.matches(ConfinedPath.host(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("no user lookup in a guest mount");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no file watching in a guest mount");
    }
}
