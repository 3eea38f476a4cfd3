package dev.spinj.cm.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small component binaries byte by byte for the malformed-input tests. */
final class ComponentBytes {
    static final int[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static ComponentBytes component() {
        ComponentBytes b = new ComponentBytes();
        return b.raw(PREAMBLE);
    }

    ComponentBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    /** A section with its LEB128 size computed from the payload. */
    ComponentBytes section(int id, byte[] payload) {
        out.write(id);
        leb(out, payload.length);
        out.writeBytes(payload);
        return this;
    }

    ComponentBytes section(int id, int... payload) {
        return section(id, bytes(payload));
    }

    byte[] build() {
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Concatenates byte fragments (names, LEBs, opcodes). */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        leb(o, utf8.length);
        o.writeBytes(utf8);
        return o.toByteArray();
    }

    static byte[] leb(int value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        leb(o, value);
        return o.toByteArray();
    }

    private static void leb(ByteArrayOutputStream o, int value) {
        long v = value & 0xffffffffL;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            o.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
