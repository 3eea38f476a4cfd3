package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.self;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.BorrowType;
import dev.spinj.cm.types.Case;
import dev.spinj.cm.types.EnumType;
import dev.spinj.cm.types.Field;
import dev.spinj.cm.types.FlagsType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.RecordType;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.cm.types.ValType;
import dev.spinj.cm.types.VariantType;
import dev.spinj.wasm.host.HostContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code wasi:filesystem/types} and {@code preopens} (at every {@link WasiVersion}) over the component's {@code files} mounts: one preopen per mount, every path confined
 * to its mount (no escape through {@code ..} or symlinks: a refused path is {@code
 * not-permitted}), nothing changed unless the mount is writable, and wasmtime's error codes and
 * permission checks (its {@code p2/host/filesystem.rs}). Descriptors live in the calling
 * instance's {@link HostContext} and close with it.
 */
final class FilesystemInterfaces {
    private static final LinkOption[] FOLLOW = {};
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int S_IFMT = 0170000;
    private static final Map<Integer, String> TYPE_BY_MODE = Map.of(
            0040000, "directory", 0100000, "regular-file", 0120000, "symbolic-link", 0010000, "fifo",
            0140000, "socket", 0020000, "character-device", 0060000, "block-device");
    /** Spreads dev and inode over the 128-bit metadata hash, as wasmtime synthesises its upper half. */
    private static final long HASH_UPPER = 4614256656552045848L;

    private final WasiStreams io;
    private final List<Preopen> preopens;
    private final boolean writable;

    private final ResourceType descriptor = ResourceType.defined("descriptor", ResourceType.NO_DESTRUCTOR);
    private final ResourceType listing = ResourceType.defined("directory-entry-stream", ResourceType.NO_DESTRUCTOR);
    private final EnumType errorCode = new EnumType(List.of("access", "would-block", "already", "bad-descriptor", "busy",
            "deadlock", "quota", "exist", "file-too-large", "illegal-byte-sequence", "in-progress", "interrupted", "invalid",
            "io", "is-directory", "loop", "too-many-links", "message-size", "name-too-long", "no-device", "no-entry", "no-lock",
            "insufficient-memory", "insufficient-space", "not-directory", "not-empty", "not-recoverable", "unsupported",
            "no-tty", "no-such-device", "overflow", "not-permitted", "pipe", "read-only", "invalid-seek", "text-file-busy",
            "cross-device"));
    private final EnumType descriptorType = new EnumType(List.of("unknown", "block-device", "character-device", "directory",
            "fifo", "symbolic-link", "regular-file", "socket"));
    private final FlagsType descriptorFlags = new FlagsType(List.of("read", "write", "file-integrity-sync",
            "data-integrity-sync", "requested-write-sync", "mutate-directory"));
    private final FlagsType pathFlags = new FlagsType(List.of("symlink-follow"));
    private final FlagsType openFlags = new FlagsType(List.of("create", "directory", "exclusive", "truncate"));
    private final RecordType datetime = new RecordType(List.of(new Field("seconds", Primitive.U64), new Field("nanoseconds", Primitive.U32)));
    private final RecordType stat = new RecordType(List.of(new Field("type", descriptorType), new Field("link-count", Primitive.U64),
            new Field("size", Primitive.U64), new Field("data-access-timestamp", new OptionType(datetime)),
            new Field("data-modification-timestamp", new OptionType(datetime)),
            new Field("status-change-timestamp", new OptionType(datetime))));
    private final VariantType newTimestamp = new VariantType(List.of(new Case("no-change", null), new Case("now", null),
            new Case("timestamp", datetime)));
    private final RecordType directoryEntry = new RecordType(List.of(new Field("type", descriptorType), new Field("name", Primitive.STRING)));
    private final EnumType advice = new EnumType(List.of("normal", "sequential", "random", "will-need", "dont-need", "no-reuse"));
    private final FlagsType modes = new FlagsType(List.of("readable", "writable", "executable"));
    private final RecordType hashValue = new RecordType(List.of(new Field("lower", Primitive.U64), new Field("upper", Primitive.U64)));

    /** @param writable whether the guest may change its mounts (Spin's {@code --allow-transient-write}) */
    FilesystemInterfaces(WasiStreams io, List<Preopen> preopens, boolean writable) {
        this.io = io;
        this.preopens = List.copyOf(preopens);
        this.writable = writable;
    }

    /** A body of a descriptor function: its ok value, or a failure that becomes its error-code. */
    @FunctionalInterface
    private interface Operation {
        Object run(Object[] args) throws IOException;
    }

    /**
     * Registers the filesystem at {@code version}. rc-2023-10-18's descriptor also has {@code
     * access-at}, permission changes and locks, which Spin's shim no longer supports (they trap,
     * as there), and its {@code open-at} takes {@code modes}, which it ignores (as there).
     */
    void addTo(Linker linker, WasiVersion version) {
        linker.instance(version.of("wasi:filesystem/types"), types(version == WasiVersion.RC_2023_10_18));
        linker.instance(version.of("wasi:filesystem/preopens"), withDescriptor(HostInstance.builder())
                .function("get-directories", ComponentFunction.of(
                        func(new ListType(new TupleType(List.of(new OwnType(descriptor), Primitive.STRING)))),
                        a -> directories()))
                .build());
    }

    private HostInstance.Builder withDescriptor(HostInstance.Builder b) {
        return b.resource("descriptor", descriptor, (t, rep) -> closeDescriptor(rep));
    }

    private FilesystemTables tables() {
        return HostContext.current().state(this, FilesystemTables::new);
    }

    /** A fresh directory descriptor per mount, each call (as wasmtime). */
    private List<List<Object>> directories() {
        List<List<Object>> out = new ArrayList<>();
        for (Preopen p : preopens) {
            out.add(List.of(tables().descriptors.add(Descriptor.directory(p.root(), writable)), p.guestPath()));
        }
        return out;
    }

    private void closeDescriptor(int rep) {
        Descriptor d = tables().descriptors.remove(rep);
        if (d != null) {
            try {
                d.close();
            } catch (IOException e) {
                // the guest is done with it either way; a failing close of a read-only file loses nothing
            }
        }
    }

    private HostInstance types(boolean rc1018) {
        HostInstance.Builder b = withDescriptor(io.withOutputStream(io.withInputStream(io.withError(HostInstance.builder()))))
                .resource("directory-entry-stream", listing, (t, rep) -> tables().listings.remove(rep));
        ValType unit = result(null);
        method(b, "read-via-stream", result(new OwnType(io.inputStream())), List.of(param("offset", Primitive.U64)), a -> {
            Descriptor d = descriptor(a[0]);
            if (!d.read()) {
                throw FilesystemErrors.of("bad-descriptor", d.path() + " is not open for reading");
            }
            return io.newInputStream("file " + d.path().getFileName(), new FileSource(d.openFile(), (Long) a[1]));
        });
        method(b, "write-via-stream", result(new OwnType(io.outputStream())), List.of(param("offset", Primitive.U64)),
                a -> writeStream(descriptor(a[0]), FileSink.at(descriptor(a[0]).openFile(), (Long) a[1])));
        method(b, "append-via-stream", result(new OwnType(io.outputStream())), List.of(),
                a -> writeStream(descriptor(a[0]), FileSink.appending(descriptor(a[0]).openFile())));
        method(b, "advise", unit, List.of(param("offset", Primitive.U64), param("length", Primitive.U64), param("advice", advice)), a -> {
            descriptor(a[0]).openFile();
            return null;
        });
        method(b, "sync-data", unit, List.of(), a -> sync(descriptor(a[0]), false));
        method(b, "sync", unit, List.of(), a -> sync(descriptor(a[0]), true));
        method(b, "get-flags", result(descriptorFlags), List.of(), a -> flags(descriptor(a[0])));
        method(b, "get-type", result(descriptorType), List.of(), a -> {
            Descriptor d = descriptor(a[0]);
            return d.isDirectory() ? "directory" : type(d.path(), FOLLOW);
        });
        method(b, "set-size", unit, List.of(param("size", Primitive.U64)), a -> setSize(descriptor(a[0]), (Long) a[1]));
        method(b, "set-times", unit, List.of(param("data-access-timestamp", newTimestamp), param("data-modification-timestamp", newTimestamp)),
                a -> {
                    Descriptor d = descriptor(a[0]);
                    d.mayChange("set-times of " + d.path().getFileName());
                    return setTimes(d.path(), FOLLOW, a[1], a[2]);
                });
        method(b, "read", result(new TupleType(List.of(new ListType(Primitive.U8), Primitive.BOOL))),
                List.of(param("length", Primitive.U64), param("offset", Primitive.U64)), a -> read(descriptor(a[0]), (Long) a[1], (Long) a[2]));
        method(b, "write", result(Primitive.U64), List.of(param("buffer", new ListType(Primitive.U8)), param("offset", Primitive.U64)),
                a -> write(descriptor(a[0]), (byte[]) a[1], (Long) a[2]));
        method(b, "read-directory", result(new OwnType(listing)), List.of(), a -> tables().listings.add(list(descriptor(a[0]).directory()).iterator()));
        method(b, "create-directory-at", unit, List.of(param("path", Primitive.STRING)), a -> {
            Files.createDirectory(changing(descriptor(a[0]), (String) a[1], "create-directory-at"));
            return null;
        });
        method(b, "stat", result(stat), List.of(), a -> stat(descriptor(a[0]).path(), FOLLOW));
        method(b, "stat-at", result(stat), List.of(param("path-flags", pathFlags), param("path", Primitive.STRING)),
                a -> stat(resolve(descriptor(a[0]).directory(), (String) a[2]), follow(a[1])));
        method(b, "set-times-at", unit, List.of(param("path-flags", pathFlags), param("path", Primitive.STRING),
                param("data-access-timestamp", newTimestamp), param("data-modification-timestamp", newTimestamp)),
                a -> setTimes(changing(descriptor(a[0]), (String) a[2], "set-times-at"), follow(a[1]), a[3], a[4]));
        method(b, "link-at", unit, List.of(param("old-path-flags", pathFlags), param("old-path", Primitive.STRING),
                param("new-descriptor", new BorrowType(descriptor)), param("new-path", Primitive.STRING)), a -> {
                    if (follow(a[1]).length == 0) {
                        throw FilesystemErrors.of("invalid", "link-at cannot follow a symlink");
                    }
                    Path existing = changing(descriptor(a[0]), (String) a[2], "link-at");
                    Files.createLink(changing(descriptor(a[3]), (String) a[4], "link-at"), existing);
                    return null;
                });
        List<Field> openAt = new ArrayList<>(List.of(param("path-flags", pathFlags), param("path", Primitive.STRING),
                param("open-flags", openFlags), param("flags", descriptorFlags)));
        if (rc1018) {
            openAt.add(param("modes", modes));
            addUnsupported1018(b);
        }
        method(b, "open-at", result(new OwnType(descriptor)), openAt,
                a -> tables().descriptors.add(open(descriptor(a[0]).directory(), follow(a[1]), (String) a[2], labels(a[3]), labels(a[4]))));
        method(b, "readlink-at", result(Primitive.STRING), List.of(param("path", Primitive.STRING)), a -> {
            Path link = resolve(descriptor(a[0]).directory(), (String) a[1]);
            // the confined file system answers with the target resolved beside the link: give the guest its text back
            return link.getParent().relativize(Files.readSymbolicLink(link)).toString();
        });
        method(b, "remove-directory-at", unit, List.of(param("path", Primitive.STRING)), a -> {
            Path dir = changing(descriptor(a[0]), (String) a[1], "remove-directory-at");
            if (Files.exists(dir, NO_FOLLOW) && !Files.isDirectory(dir, NO_FOLLOW)) {
                throw FilesystemErrors.of("not-directory", a[1] + " is not a directory");
            }
            Files.delete(dir);
            return null;
        });
        method(b, "unlink-file-at", unit, List.of(param("path", Primitive.STRING)), a -> {
            Path file = changing(descriptor(a[0]), (String) a[1], "unlink-file-at");
            if (Files.isDirectory(file, NO_FOLLOW)) {
                throw FilesystemErrors.of("is-directory", a[1] + " is a directory");
            }
            Files.delete(file);
            return null;
        });
        method(b, "rename-at", unit, List.of(param("old-path", Primitive.STRING), param("new-descriptor", new BorrowType(descriptor)),
                param("new-path", Primitive.STRING)), a -> {
                    Path from = changing(descriptor(a[0]), (String) a[1], "rename-at");
                    Files.move(from, changing(descriptor(a[2]), (String) a[3], "rename-at"), StandardCopyOption.ATOMIC_MOVE);
                    return null;
                });
        method(b, "symlink-at", unit, List.of(param("old-path", Primitive.STRING), param("new-path", Primitive.STRING)), a -> {
            Descriptor d = descriptor(a[0]);
            String target = (String) a[1];
            if (target.startsWith("/")) {
                throw FilesystemErrors.of("not-permitted", "symlink-at: absolute target " + target);
            }
            Files.createSymbolicLink(changing(d, (String) a[2], "symlink-at"), d.path().getFileSystem().getPath(target));
            return null;
        });
        b.function("[method]descriptor.is-same-object", ComponentFunction.of(
                func(Primitive.BOOL, self(descriptor), param("other", new BorrowType(descriptor))), a -> {
                    try {
                        return Files.isSameFile(descriptor(a[0]).path(), descriptor(a[1]).path());
                    } catch (IOException e) {
                        return false;
                    }
                }));
        method(b, "metadata-hash", result(hashValue), List.of(), a -> hash(descriptor(a[0]).path(), FOLLOW));
        method(b, "metadata-hash-at", result(hashValue), List.of(param("path-flags", pathFlags), param("path", Primitive.STRING)),
                a -> hash(resolve(descriptor(a[0]).directory(), (String) a[2]), follow(a[1])));
        b.function("[method]directory-entry-stream.read-directory-entry", ComponentFunction.of(
                func(result(new OptionType(directoryEntry)), self(listing)), a -> {
                    var entries = tables().listings.get(a[0]);
                    return ResultValue.ok(entries.hasNext() ? Optional.of(entries.next()) : Optional.empty());
                }));
        b.function("filesystem-error-code", ComponentFunction.of(
                func(new OptionType(errorCode), param("err", new BorrowType(io.error()))), a -> {
                    IOException cause = io.errorCause(a[0]);
                    return cause == null ? Optional.empty() : Optional.of(FilesystemErrors.code(cause));
                }));
        return b.build();
    }

    /** rc-2023-10-18's descriptor methods Spin's shim bails on: each traps naming itself. */
    private void addUnsupported1018(HostInstance.Builder b) {
        ValType unit = result(null);
        Field flags = param("path-flags", pathFlags);
        Field path = param("path", Primitive.STRING);
        VariantType accessType = new VariantType(List.of(new Case("access", modes), new Case("exists", null)));
        Map<String, List<Field>> unsupported = Map.of(
                "access-at", List.of(flags, path, param("type", accessType)),
                "change-file-permissions-at", List.of(flags, path, param("modes", modes)),
                "change-directory-permissions-at", List.of(flags, path, param("modes", modes)),
                "lock-shared", List.of(),
                "lock-exclusive", List.of(),
                "try-lock-shared", List.of(),
                "try-lock-exclusive", List.of(),
                "unlock", List.of());
        unsupported.forEach((name, params) -> {
            List<Field> all = new ArrayList<>();
            all.add(self(descriptor));
            all.addAll(params);
            b.function("[method]descriptor." + name, ComponentFunction.of(func(unit, all.toArray(Field[]::new)), a -> {
                throw new TrapException("wasi:filesystem/types@" + WasiVersion.RC_2023_10_18.version() + " descriptor." + name
                        + ": the API is no longer supported (as in Spin)");
            }));
        });
    }

    private ValType result(ValType ok) {
        return new ResultType(ok, errorCode);
    }

    /** Adds {@code [method]descriptor.<name>}: its body's failures become the error-code result. */
    private void method(HostInstance.Builder b, String name, ValType result, List<Field> params, Operation body) {
        List<Field> all = new ArrayList<>();
        all.add(self(descriptor));
        all.addAll(params);
        b.function("[method]descriptor." + name, ComponentFunction.of(func(result, all.toArray(Field[]::new)), a -> {
            try {
                return ResultValue.ok(body.run(a));
            } catch (IOException e) {
                return ResultValue.err(FilesystemErrors.code(e));
            }
        }));
    }

    private Descriptor descriptor(Object rep) {
        return tables().descriptors.get(rep);
    }

    private static Set<String> labels(Object flags) {
        @SuppressWarnings("unchecked")
        Set<String> set = (Set<String>) flags;
        return set;
    }

    private static LinkOption[] follow(Object pathFlags) {
        return labels(pathFlags).contains("symlink-follow") ? FOLLOW : NO_FOLLOW;
    }

    /**
     * {@code path} under directory {@code d}. WASI paths are relative and never leave their base
     * directory: an absolute path or one whose {@code ..} climb out is {@code not-permitted}
     * (symlinks are kept inside the mount by its confined file system).
     */
    private static Path resolve(Descriptor d, String path) throws IOException {
        if (path.startsWith("/")) {
            throw FilesystemErrors.of("not-permitted", "absolute path " + path);
        }
        Path base = d.path().normalize();
        Path target;
        try {
            target = base.resolve(path);
        } catch (InvalidPathException e) {
            throw FilesystemErrors.of("invalid", "path " + path + ": " + e.getReason());
        }
        if (!target.normalize().startsWith(base)) {
            throw FilesystemErrors.of("not-permitted", path + " leaves its directory");
        }
        return target;
    }

    /** {@code path} under directory descriptor {@code d}, which must allow changes. */
    private static Path changing(Descriptor d, String path, String operation) throws IOException {
        d.directory().mayChange(operation + " " + path);
        return resolve(d, path);
    }

    private int writeStream(Descriptor d, FileSink sink) throws IOException {
        if (!d.mutable() || !d.write()) {
            throw FilesystemErrors.of("bad-descriptor", d.path().getFileName() + " is not open for writing");
        }
        return io.newOutputStream("file " + d.path().getFileName(), sink);
    }

    private static Object sync(Descriptor d, boolean metadata) throws IOException {
        if (!d.isDirectory()) {
            d.openFile().force(metadata);
        }
        return null;
    }

    private Set<String> flags(Descriptor d) {
        Set<String> flags = new HashSet<>();
        if (d.read()) {
            flags.add("read");
        }
        if (d.isDirectory() ? d.mutable() : d.write()) {
            flags.add(d.isDirectory() ? "mutate-directory" : "write");
        }
        return flags;
    }

    /** {@code set-size}: truncates or, growing, writes the last byte so the file reaches the size. */
    private static Object setSize(Descriptor d, long size) throws IOException {
        FileChannel file = d.openFile();
        d.mayChange("set-size of " + d.path().getFileName());
        if (size < 0) {
            throw FilesystemErrors.of("file-too-large", "set-size " + Long.toUnsignedString(size));
        }
        if (size < file.size()) {
            file.truncate(size);
        } else if (size > file.size()) {
            file.write(ByteBuffer.allocate(1), size - 1);
        }
        return null;
    }

    private static List<Object> read(Descriptor d, long length, long offset) throws IOException {
        FileChannel file = d.openFile();
        if (!d.read()) {
            throw FilesystemErrors.of("bad-descriptor", d.path().getFileName() + " is not open for reading");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length < 0 || length > WasiStreams.MAX_READ ? WasiStreams.MAX_READ : (int) length);
        int n = offset < 0 ? -1 : file.read(buffer, offset);
        byte[] bytes = new byte[Math.max(n, 0)];
        buffer.flip().get(bytes);
        return List.of(bytes, n <= 0);
    }

    private static long write(Descriptor d, byte[] bytes, long offset) throws IOException {
        FileChannel file = d.openFile();
        d.mayChange("write to " + d.path().getFileName());
        if (!d.write()) {
            throw FilesystemErrors.of("bad-descriptor", d.path().getFileName() + " is not open for writing");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = offset;
        while (buffer.hasRemaining()) {
            at += file.write(buffer, at);
        }
        return at - offset;
    }

    /** {@code open-at}, with wasmtime's checks in wasmtime's order. */
    private Descriptor open(Descriptor dir, LinkOption[] follow, String path, Set<String> oflags, Set<String> flags) throws IOException {
        boolean create = oflags.contains("create");
        boolean truncate = oflags.contains("truncate");
        if (!dir.mutable() && (create || truncate || flags.contains("write"))) {
            throw FilesystemErrors.of("not-permitted", "open-at " + path + " for writing: the mount is read-only");
        }
        if (flags.contains("file-integrity-sync") || flags.contains("data-integrity-sync") || flags.contains("requested-write-sync")) {
            throw FilesystemErrors.of("unsupported", "open-at " + path + " with sync flags");
        }
        boolean directoryOnly = oflags.contains("directory");
        if (directoryOnly && (create || truncate || oflags.contains("exclusive"))) {
            throw FilesystemErrors.of("invalid", "open-at " + path + ": a directory cannot be created or truncated");
        }
        boolean write = create || truncate || flags.contains("write");
        boolean read = flags.contains("read") || !flags.contains("write");
        Path target = resolve(dir, path);
        if (Files.isDirectory(target, follow)) {
            if (create && oflags.contains("exclusive")) {
                throw FilesystemErrors.of("exist", path + " exists");
            }
            if (write) {
                throw FilesystemErrors.of("is-directory", path + " is a directory");
            }
            return Descriptor.directory(target, dir.mutable());
        }
        if (directoryOnly) {
            throw Files.exists(target, follow) ? FilesystemErrors.of("not-directory", path + " is not a directory")
                    : FilesystemErrors.of("no-entry", path + " does not exist");
        }
        if (follow == NO_FOLLOW && Files.isSymbolicLink(target)) {
            throw FilesystemErrors.of("loop", path + " is a symlink and symlink-follow is not set");
        }
        Set<OpenOption> options = new HashSet<>();
        if (read) {
            options.add(StandardOpenOption.READ);
        }
        if (write) {
            options.add(StandardOpenOption.WRITE);
        }
        if (create) {
            options.add(oflags.contains("exclusive") ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (follow == NO_FOLLOW) {
            options.add(LinkOption.NOFOLLOW_LINKS);
        }
        return new Descriptor(target, FileChannel.open(target, options), read, write, dir.mutable());
    }

    private List<RecordValue> list(Descriptor dir) throws IOException {
        List<RecordValue> entries = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(dir.path())) {
            for (Path entry : names) {
                entries.add(RecordValue.of(type(entry, NO_FOLLOW), entry.getFileName().toString()));
            }
        }
        return entries;
    }

    private static String type(Path path, LinkOption[] follow) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", follow);
        return TYPE_BY_MODE.getOrDefault(mode & S_IFMT, "unknown");
    }

    private RecordValue stat(Path path, LinkOption[] follow) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,nlink,size,lastAccessTime,lastModifiedTime,ctime", follow);
        return RecordValue.of(TYPE_BY_MODE.getOrDefault((Integer) a.get("mode") & S_IFMT, "unknown"),
                ((Integer) a.get("nlink")).longValue(), (Long) a.get("size"),
                Optional.of(datetime((FileTime) a.get("lastAccessTime"))),
                Optional.of(datetime((FileTime) a.get("lastModifiedTime"))),
                Optional.of(datetime((FileTime) a.get("ctime"))));
    }

    private static RecordValue datetime(FileTime time) {
        Instant instant = time.toInstant();
        return RecordValue.of(instant.getEpochSecond(), (long) instant.getNano());
    }

    /** A 128-bit value that is equal exactly for the same file: its device and inode, mixed. */
    private static RecordValue hash(Path path, LinkOption[] follow) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino", follow);
        long lower = mix((Long) a.get("dev") * 0x9E3779B97F4A7C15L ^ (Long) a.get("ino"));
        return RecordValue.of(lower, lower ^ HASH_UPPER);
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    private static Object setTimes(Path path, LinkOption[] follow, Object access, Object modification) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, follow).setTimes(time(modification), time(access), null);
        return null;
    }

    /** A new-timestamp as NIO takes it: null for no change. */
    private static FileTime time(Object newTimestamp) {
        VariantValue v = (VariantValue) newTimestamp;
        return switch (v.label()) {
            case "no-change" -> null;
            case "now" -> FileTime.from(Instant.now());
            default -> {
                RecordValue t = (RecordValue) v.value();
                yield FileTime.from(Instant.ofEpochSecond((Long) t.get(0), (Long) t.get(1)));
            }
        };
    }
}
