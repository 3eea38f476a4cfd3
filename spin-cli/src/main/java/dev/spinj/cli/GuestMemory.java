package dev.spinj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a guest needs of the trigger's heap: its file size (the parsed module and, on a cold start,
 * the compiler's working set grow with it) and the linear memory it declares, initial and maximum
 * bytes, read from a core module's memory section without parsing the module, so {@code spin up}
 * can size the trigger's heap before the trigger JVM starts. A component, a module without a
 * memory or a file that is not wasm declares no memory, for which the per-instance limit is assumed.
 *
 * @param fileBytes the size of the wasm file
 * @param initialBytes memory an instance starts with
 * @param maxBytes the most it may grow to; {@link Long#MAX_VALUE} when the module sets no maximum
 */
record GuestMemory(long fileBytes, long initialBytes, long maxBytes) {
    static final GuestMemory UNKNOWN = new GuestMemory(0, 0, Long.MAX_VALUE);
    private static final long PAGE = 64 * 1024;
    private static final int MEMORY_SECTION = 5;
    private static final int CODE_SECTION = 10;

    static GuestMemory of(Path wasm) {
        long fileBytes;
        try {
            fileBytes = Files.size(wasm);
        } catch (IOException e) {
            return UNKNOWN; // the trigger reports unreadable guests; sizing falls back to the limit
        }
        try (InputStream in = Files.newInputStream(wasm)) {
            byte[] header = in.readNBytes(8);
            // magic, then version 1 with layer 0: a core module (a component has layer 1)
            if (header.length < 8 || header[0] != 0 || header[1] != 'a' || header[2] != 's' || header[3] != 'm'
                    || header[4] != 1 || header[6] != 0) {
                return new GuestMemory(fileBytes, 0, Long.MAX_VALUE);
            }
            for (int id; (id = in.read()) >= 0; ) {
                long size = leb(in);
                if (id == MEMORY_SECTION) {
                    return readMemory(in, fileBytes);
                }
                if (id == CODE_SECTION) {
                    break; // sections are ordered: no memory section after the code
                }
                in.skipNBytes(size);
            }
            return new GuestMemory(fileBytes, 0, Long.MAX_VALUE);
        } catch (IOException | RuntimeException e) {
            return new GuestMemory(fileBytes, 0, Long.MAX_VALUE);
        }
    }

    private static GuestMemory readMemory(InputStream in, long fileBytes) throws IOException {
        if (leb(in) == 0) {
            return new GuestMemory(fileBytes, 0, Long.MAX_VALUE);
        }
        int flags = in.read();
        long initial = leb(in) * PAGE;
        long max = (flags & 1) != 0 ? leb(in) * PAGE : Long.MAX_VALUE;
        return new GuestMemory(fileBytes, initial, max);
    }

    private static long leb(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("truncated wasm");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed LEB128");
    }
}
