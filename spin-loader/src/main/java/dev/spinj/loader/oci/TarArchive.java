package dev.spinj.loader.oci;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip'd tar of Spin's archive layers ({@code application/vnd.wasm.content.bundle.v1.tar+gzip}):
 * written as ustar with entries {@code ./…} like tar-rs's {@code append_dir_all(".", dir)}, but with
 * owner 0, mtime 0 and sorted entries so the same files give the same digest; read for the
 * regular files' contents only. Entry names are never used to write anywhere (Spin re-hashes each
 * file and keeps it by digest), so a hostile archive cannot place a file outside the cache.
 */
final class TarArchive {
    private static final int BLOCK = 512;

    private TarArchive() {}

    /** What receives each regular file of an archive. */
    interface FileSink {
        void accept(InputStream content) throws IOException;
    }

    static byte[] gzipOf(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes); Stream<Path> walk = Files.walk(dir)) {
            List<Path> entries = walk.sorted().toList();
            for (Path entry : entries) {
                String name = entry.equals(dir) ? "./" : "./" + dir.relativize(entry).toString().replace('\\', '/');
                if (Files.isDirectory(entry)) {
                    header(gzip, name.endsWith("/") ? name : name + "/", 0, '5', 0755);
                } else if (Files.isRegularFile(entry)) {
                    long size = Files.size(entry);
                    header(gzip, name, size, '0', 0644);
                    Files.copy(entry, gzip);
                    gzip.write(new byte[(int) ((BLOCK - size % BLOCK) % BLOCK)]);
                }
            }
            gzip.write(new byte[2 * BLOCK]);
        }
        return bytes.toByteArray();
    }

    private static void header(OutputStream out, String name, long size, char type, int mode) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length <= 100) {
            System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
        } else {
            int split = name.lastIndexOf('/', Math.min(name.length() - 2, 155));
            byte[] prefix = name.substring(0, split).getBytes(StandardCharsets.UTF_8);
            byte[] rest = name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            if (split <= 0 || prefix.length > 155 || rest.length > 100) {
                throw new IOException("path too long for an archive layer: " + name);
            }
            System.arraycopy(rest, 0, h, 0, rest.length);
            System.arraycopy(prefix, 0, h, 345, prefix.length);
        }
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        out.write(h);
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String text = String.format("%0" + (length - 1) + "o", value);
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
    }

    /** Hands each regular file's content to {@code sink}, in archive order. */
    static void forEachFile(InputStream gzipped, FileSink sink) throws IOException {
        InputStream in = new GZIPInputStream(gzipped);
        byte[] h = new byte[BLOCK];
        while (true) {
            if (in.readNBytes(h, 0, BLOCK) < BLOCK) {
                throw new EOFException("archive layer ends inside a header");
            }
            if (isZero(h)) {
                return;
            }
            long size = parseOctal(h, 124, 12);
            char type = (char) h[156];
            BoundedStream content = new BoundedStream(in, size);
            if (type == '0' || type == '\0' || type == '7') {
                sink.accept(content);
            }
            content.skipRest();
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long parseOctal(byte[] h, int offset, int length) throws IOException {
        String text = new String(h, offset, length, StandardCharsets.US_ASCII).replace("\0", "").trim();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("archive layer has a malformed entry size '" + text + "'");
        }
    }

    /** One entry's bytes: reading stops at its end. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("archive layer ends inside an entry");
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("archive layer ends inside an entry");
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }

        void skipRest() throws IOException {
            in.skipNBytes(remaining);
            remaining = 0;
        }
    }
}
