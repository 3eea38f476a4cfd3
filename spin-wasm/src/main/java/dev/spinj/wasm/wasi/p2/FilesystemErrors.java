package dev.spinj.wasm.wasi.p2;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * The {@code wasi:filesystem} {@code error-code} of a Java I/O failure, as wasmtime derives it
 * from the OS errno: NIO's exception types first, then the errno text NIO puts in a plain {@link
 * FileSystemException}'s reason. A path the confined mount refused ({@code
 * ConfinedFileSystemProvider}: "outside the mounted directory") is {@code not-permitted}, as
 * WASI's path resolution rules say of an escape.
 */
final class FilesystemErrors {
    /** A failure whose code the host decided itself (a permission check, a bad argument). */
    static final class Coded extends IOException {
        private final String code;

        Coded(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private static final String OUTSIDE_THE_MOUNT = "outside the mounted directory";

    /** Linux strerror texts NIO reports as a FileSystemException's reason. */
    private static final Map<String, String> BY_REASON = Map.ofEntries(
            Map.entry("Is a directory", "is-directory"),
            Map.entry("Not a directory", "not-directory"),
            Map.entry("Directory not empty", "not-empty"),
            Map.entry("File exists", "exist"),
            Map.entry("Permission denied", "access"),
            Map.entry("Operation not permitted", "not-permitted"),
            Map.entry("Read-only file system", "read-only"),
            Map.entry("Too many levels of symbolic links", "loop"),
            Map.entry("File name too long", "name-too-long"),
            Map.entry("Invalid argument", "invalid"),
            Map.entry("Invalid cross-device link", "cross-device"),
            Map.entry("No space left on device", "insufficient-space"),
            Map.entry("Text file busy", "text-file-busy"),
            Map.entry("Device or resource busy", "busy"),
            Map.entry("Too many links", "too-many-links"),
            Map.entry("File too large", "file-too-large"),
            Map.entry("No such file or directory", "no-entry"));

    private FilesystemErrors() {}

    static Coded of(String code, String message) {
        return new Coded(code, message);
    }

    static String code(IOException e) {
        if (e instanceof Coded coded) {
            return coded.code;
        }
        if (e instanceof NoSuchFileException missing) {
            return OUTSIDE_THE_MOUNT.equals(missing.getReason()) ? "not-permitted" : "no-entry";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exist";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "not-empty";
        }
        if (e instanceof NotDirectoryException) {
            return "not-directory";
        }
        if (e instanceof AccessDeniedException) {
            return "access";
        }
        if (e instanceof FileSystemLoopException) {
            return "loop";
        }
        if (e instanceof NotLinkException) {
            return "invalid";
        }
        if (e instanceof ClosedChannelException) {
            return "bad-descriptor";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return BY_REASON.getOrDefault(fs.getReason(), "io");
        }
        return "io";
    }
}
