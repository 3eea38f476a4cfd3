package dev.spinj.wasm.wasi;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The file operations of one {@link ConfinedFileSystem}: before the host touches a path, the path
 * is resolved on the real file system (every symlink and {@code ..} followed) and refused unless
 * what it reaches lies under the mount root; the host then works on that symlink-free path, with
 * {@code NOFOLLOW_LINKS} so a final link swapped in afterwards is not followed either. A refused
 * path looks absent to the guest ({@code ENOENT}), as it would in a real chroot.
 *
 * <p>Java has no {@code openat}, so check and use are two steps. Another guest instance could
 * change the namespace between them (rename a directory away and a symlink into its place); so
 * every check-and-use holds the read side of one lock shared by all mounts, and every operation
 * that changes names (create directory or link, rename, delete) holds its write side.
 */
final class ConfinedFileSystemProvider extends FileSystemProvider {
    /** What an operation reaches through its path. */
    enum Access {
        /** The object the path leads to, its last symlink followed (open, stat, readdir). */
        FOLLOW,
        /** The directory entry itself, a final symlink not followed (lstat, readlink). */
        ENTRY,
        /** A new, removed or renamed entry: its directory must be inside, and it must not be the root. */
        CHANGE
    }

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final ReadWriteLock NAMESPACE = new ReentrantReadWriteLock();

    /** A file operation run under the namespace lock. */
    @FunctionalInterface
    private interface Operation<T> {
        T run() throws IOException;
    }

    /** Runs a check and the operation it allows with no name change in between. */
    private static <T> T using(Operation<T> operation) throws IOException {
        return locked(NAMESPACE.readLock(), operation);
    }

    /** Runs a check and an operation that creates, renames or removes a name. */
    private static <T> T renaming(Operation<T> operation) throws IOException {
        return locked(NAMESPACE.writeLock(), operation);
    }

    private static <T> T locked(Lock lock, Operation<T> operation) throws IOException {
        lock.lock();
        try {
            return operation.run();
        } finally {
            lock.unlock();
        }
    }

    private final ConfinedFileSystem fileSystem;
    private final Path root;
    private final FileSystemProvider host;

    ConfinedFileSystemProvider(ConfinedFileSystem fileSystem, Path realRoot) {
        this.fileSystem = fileSystem;
        this.root = realRoot;
        this.host = realRoot.getFileSystem().provider();
    }

    Path root() {
        return root;
    }

    /**
     * The real host path {@code path} reaches with {@code access}.
     *
     * @throws NoSuchFileException when that leaves the mount
     */
    Path confine(Path path, Access access) throws IOException {
        Path target = root.resolve(ConfinedPath.host(path));
        Path name = target.getFileName();
        boolean dots = name == null || name.toString().equals(".") || name.toString().equals("..");
        boolean isRoot = target.normalize().equals(root);
        if (access == Access.CHANGE) {
            if (dots || isRoot) {
                throw refused(path);
            }
            return directoryInside(target.getParent(), path).resolve(name);
        }
        if (access == Access.ENTRY && !dots && !isRoot) {
            return directoryInside(target.getParent(), path).resolve(name);
        }
        try {
            Path real = target.toRealPath();
            if (!real.startsWith(root)) {
                throw refused(path);
            }
            return real;
        } catch (NoSuchFileException e) {
            // not there yet: it may be created, in a directory inside, and never through a dangling link
            if (dots || Files.isSymbolicLink(target)) {
                throw refused(path);
            }
            return directoryInside(target.getParent(), path).resolve(name);
        }
    }

    private Path directoryInside(Path directory, Path asked) throws IOException {
        Path real = directory.toRealPath();
        if (!real.startsWith(root)) {
            throw refused(asked);
        }
        return real;
    }

    private static NoSuchFileException refused(Path path) {
        return new NoSuchFileException(path.toString(), null, "outside the mounted directory");
    }

    private static Access access(LinkOption... options) {
        return Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS) ? Access.ENTRY : Access.FOLLOW;
    }

    private static Set<OpenOption> noFollow(Set<? extends OpenOption> options) {
        Set<OpenOption> out = new HashSet<>(options);
        out.add(LinkOption.NOFOLLOW_LINKS);
        return out;
    }

    @Override
    public String getScheme() {
        return "spinj-mount";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("confined mounts are made by spinj only");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("confined mounts are made by spinj only");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("confined mounts are made by spinj only");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Access access = options.contains(LinkOption.NOFOLLOW_LINKS) ? Access.ENTRY : Access.FOLLOW;
        return using(() -> host.newByteChannel(confine(path, access), noFollow(options), attrs));
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Access access = options.contains(LinkOption.NOFOLLOW_LINKS) ? Access.ENTRY : Access.FOLLOW;
        return using(() -> host.newFileChannel(confine(path, access), noFollow(options), attrs));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Path listed = ConfinedPath.host(dir);
        DirectoryStream<Path> entries = using(() -> host.newDirectoryStream(confine(dir, Access.FOLLOW),
                entry -> filter.accept(new ConfinedPath(fileSystem, listed.resolve(entry.getFileName())))));
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> real = entries.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return real.hasNext();
                    }

                    @Override
                    public Path next() {
                        return new ConfinedPath(fileSystem, listed.resolve(real.next().getFileName()));
                    }
                };
            }

            @Override
            public void close() throws IOException {
                entries.close();
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        renaming(() -> {
            host.createDirectory(confine(dir, Access.CHANGE), attrs);
            return null;
        });
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        Path text = ConfinedPath.host(target);
        renaming(() -> {
            Path at = confine(link, Access.CHANGE);
            // every use of a link is checked anyway; this keeps host tools from following one out
            confine(new ConfinedPath(fileSystem, at.resolveSibling(text)), Access.FOLLOW);
            host.createSymbolicLink(at, text, attrs);
            return null;
        });
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        renaming(() -> {
            host.createLink(confine(link, Access.CHANGE), confine(existing, Access.FOLLOW));
            return null;
        });
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        // relative targets are relative to the link's directory, never to the process's
        Path target = using(() -> host.readSymbolicLink(confine(link, Access.ENTRY)));
        return new ConfinedPath(fileSystem, ConfinedPath.host(link).resolveSibling(target));
    }

    @Override
    public void delete(Path path) throws IOException {
        renaming(() -> {
            host.delete(confine(path, Access.CHANGE));
            return null;
        });
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        Access access = Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS) ? Access.ENTRY : Access.FOLLOW;
        renaming(() -> {
            host.copy(confine(source, access), confine(target, Access.CHANGE), options);
            return null;
        });
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        renaming(() -> {
            host.move(confine(source, Access.CHANGE), confine(target, Access.CHANGE), options);
            return null;
        });
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return using(() -> host.isSameFile(confine(path, Access.FOLLOW), confine(path2, Access.FOLLOW)));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return host.isHidden(ConfinedPath.host(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return using(() -> host.getFileStore(confine(path, Access.FOLLOW)));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        using(() -> {
            host.checkAccess(confine(path, Access.FOLLOW), modes);
            return null;
        });
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        V unchecked = host.getFileAttributeView(root, type);
        if (unchecked == null) {
            return null;
        }
        Access access = access(options);
        // a view is a handle used later: each call on it is confined when it is made
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(unchecked, args);
            }
            return using(() -> {
                try {
                    return method.invoke(host.getFileAttributeView(confine(path, access), type, NO_FOLLOW), args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IOException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            });
        }));
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return using(() -> host.readAttributes(confine(path, access(options)), type, NO_FOLLOW));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return using(() -> host.readAttributes(confine(path, access(options)), attributes, NO_FOLLOW));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        using(() -> {
            host.setAttribute(confine(path, access(options)), attribute, value, NO_FOLLOW);
            return null;
        });
    }
}
