package dev.spinj.wasm.wasi.p2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The host side of one {@code wasi:filesystem} descriptor: a directory (its path on a confined
 * mount) or an open file (its channel), what it was opened for, and whether its mount lets the
 * guest change anything (Spin mounts read-only unless {@code --allow-transient-write}).
 *
 * @param path where it is, on the mount's confined file system
 * @param file the open file; null for a directory
 * @param read opened for reading
 * @param write opened for writing
 * @param mutable the mount is writable (wasmtime's DirPerms::MUTATE and FilePerms::WRITE)
 */
record Descriptor(Path path, FileChannel file, boolean read, boolean write, boolean mutable) implements AutoCloseable {
    static Descriptor directory(Path path, boolean mutable) {
        return new Descriptor(path, null, true, false, mutable);
    }

    boolean isDirectory() {
        return file == null;
    }

    /** This descriptor as a directory; a file is {@code not-directory}, as wasmtime answers. */
    Descriptor directory() throws IOException {
        if (file != null) {
            throw FilesystemErrors.of("not-directory", path + " is a file");
        }
        return this;
    }

    /** This descriptor's open file; a directory is {@code bad-descriptor}, as wasmtime answers. */
    FileChannel openFile() throws IOException {
        if (file == null) {
            throw FilesystemErrors.of("bad-descriptor", path + " is a directory");
        }
        return file;
    }

    /** Refuses a change to the mount unless it is writable ({@code not-permitted}, as wasmtime). */
    void mayChange(String what) throws IOException {
        if (!mutable) {
            throw FilesystemErrors.of("not-permitted", what + ": the mount is read-only");
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
