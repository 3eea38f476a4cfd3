package dev.spinj.wasm.stdio;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where component stdout/stderr go (SPEC 6): appended to {@code <log_dir>/<id>_stdout.txt} and
 * {@code _stderr.txt}, and echoed to the runtime's stderr unless quiet or not followed. Without a
 * log dir the component writes straight to the runtime's own stdout/stderr. One pair of files per
 * component, shared by all its instances; each write lands whole.
 */
public final class ComponentLogs implements Closeable {
    private final Path logDir;
    private final boolean quiet;
    private final Set<String> follow;
    private final PrintStream runtimeOut;
    private final PrintStream runtimeErr;
    private final Map<String, OutputStream> streams = new ConcurrentHashMap<>();

    /**
     * @param logDir where log files go, or null for none
     * @param quiet echo no component output
     * @param follow echo only these components (empty: all)
     */
    public ComponentLogs(Path logDir, boolean quiet, Set<String> follow, PrintStream runtimeOut, PrintStream runtimeErr) {
        this.logDir = logDir;
        this.quiet = quiet;
        this.follow = Set.copyOf(follow);
        this.runtimeOut = runtimeOut;
        this.runtimeErr = runtimeErr;
    }

    public Path logDir() {
        return logDir;
    }

    public OutputStream stdout(String componentId) {
        return streams.computeIfAbsent(componentId + "\0stdout", k -> open(componentId, "stdout", runtimeOut));
    }

    public OutputStream stderr(String componentId) {
        return streams.computeIfAbsent(componentId + "\0stderr", k -> open(componentId, "stderr", runtimeErr));
    }

    private OutputStream open(String componentId, String stream, PrintStream inherited) {
        boolean echo = !quiet && (follow.isEmpty() || follow.contains(componentId));
        if (logDir == null) {
            return echo ? new Tee(null, inherited) : OutputStream.nullOutputStream();
        }
        try {
            Files.createDirectories(logDir);
            Path file = logDir.resolve(sanitize(componentId) + "_" + stream + ".txt");
            return new Tee(new FileOutputStream(file.toFile(), true), echo ? runtimeErr : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file for component " + componentId + " in " + logDir, e);
        }
    }

    static String sanitize(String componentId) {
        return componentId.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public void close() throws IOException {
        for (OutputStream s : streams.values()) {
            s.close();
        }
        streams.clear();
    }

    /** Writes each chunk to the file and the echo stream, never interleaving two writers' chunks. */
    private static final class Tee extends OutputStream {
        private final OutputStream file;
        private final PrintStream echo;

        Tee(OutputStream file, PrintStream echo) {
            this.file = file;
            this.echo = echo;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (file != null) {
                file.write(b, off, len);
            }
            if (echo != null) {
                echo.write(b, off, len);
                echo.flush();
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (file != null) {
                file.close();
            }
        }
    }
}
