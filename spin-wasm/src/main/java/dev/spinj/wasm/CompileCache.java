package dev.spinj.wasm;

import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * Compiled modules on disk: one jar of classes per module digest, so a restart skips compilation
 * (1–15 s for big modules), with the functions left to the interpreter, so a restart still says
 * which ones run interpreted. Entries are written to a temporary file and moved into place
 * atomically, so a concurrent reader or a crash never sees half a jar. The directory is versioned
 * by the compiler that wrote it and this layout; another version starts afresh.
 */
final class CompileCache {
    private static final String LAYOUT = "2"; // 2: the interpreted functions are recorded
    private static final String PROPERTIES = "wasm-module.properties";
    private static final String MAIN_CLASS = "mainClass";
    private static final String INTERPRETED = "interpretedFunctions";

    private final Path dir;

    CompileCache(Path root) {
        this.dir = root.resolve("chicory-" + compilerVersion() + "-" + LAYOUT);
    }

    /** A module's compiled classes, its main (machine) class first, and the functions that stay interpreted. */
    record Entry(String mainClass, Map<String, byte[]> classes, SortedSet<Integer> interpretedFunctions) {
        /** Defines the classes in a new class loader, the main class first, as Chicory's compiler does. */
        ClassLoadingCollector load() {
            ClassLoadingCollector loaded = new ClassLoadingCollector();
            loaded.putMainClass(mainClass, classes.get(mainClass));
            classes.forEach((name, bytes) -> {
                if (!name.equals(mainClass)) {
                    loaded.put(name, bytes);
                }
            });
            return loaded;
        }
    }

    private static String compilerVersion() {
        String v = com.dylibso.chicory.compiler.MachineFactoryCompiler.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** The entry for {@code digest}; null when there is none or it cannot be read (then it is compiled again). */
    Entry get(String digest) {
        Path file = file(digest);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (JarInputStream in = new JarInputStream(Files.newInputStream(file))) {
            Properties properties = new Properties();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (e.getName().equals(PROPERTIES)) {
                    properties.load(new ByteArrayInputStream(in.readAllBytes()));
                } else if (e.getName().endsWith(".class")) {
                    String name = e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.');
                    classes.put(name, in.readAllBytes());
                }
            }
            String main = properties.getProperty(MAIN_CLASS);
            if (main == null || !classes.containsKey(main)) {
                return null;
            }
            SortedSet<Integer> interpreted = new TreeSet<>();
            for (String index : properties.getProperty(INTERPRETED, "").split(",")) {
                if (!index.isBlank()) {
                    interpreted.add(Integer.parseInt(index.trim()));
                }
            }
            return new Entry(main, classes, interpreted);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void putIfAbsent(String digest, Entry entry) throws IOException {
        Path file = file(digest);
        if (Files.exists(file)) {
            return;
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "partial-", ".jar");
        try {
            try (OutputStream out = Files.newOutputStream(temp); JarOutputStream jar = new JarOutputStream(out)) {
                Properties properties = new Properties();
                properties.setProperty(MAIN_CLASS, entry.mainClass());
                properties.setProperty(INTERPRETED, String.join(",",
                        entry.interpretedFunctions().stream().map(String::valueOf).toList()));
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                properties.store(text, null);
                jar.putNextEntry(new JarEntry(PROPERTIES));
                jar.write(text.toByteArray());
                jar.closeEntry();
                for (Map.Entry<String, byte[]> c : entry.classes().entrySet()) {
                    jar.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                    jar.write(c.getValue());
                    jar.closeEntry();
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Digests look like {@code sha-256:<base64>}: hex keeps the file name portable. */
    private Path file(String digest) {
        return dir.resolve(HexFormat.of().formatHex(digest.getBytes(StandardCharsets.UTF_8)) + ".jar");
    }
}
