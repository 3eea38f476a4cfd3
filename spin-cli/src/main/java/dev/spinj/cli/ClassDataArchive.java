package dev.spinj.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JVM class-data sharing for the trigger process: the first run of a trigger type records the
 * classes it loaded into an archive when it exits; later runs map that archive instead of loading
 * and verifying thousands of classes again, which is most of a trigger's startup time. The archive
 * is keyed by the jar (path, size, mtime), the JVM version and the trigger type, so a rebuilt jar
 * or another JVM records afresh. JDK 17 has no automatic archive, hence this.
 */
final class ClassDataArchive {
    private ClassDataArchive() {}

    /** The JVM options for a child running {@code triggerType}; none when the classpath is not one jar. */
    static List<String> jvmOptions(String triggerType) {
        String classPath = System.getProperty("java.class.path");
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return List.of(); // dynamic archives only cover classes from jar files
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        Path archive;
        try {
            String key = Integer.toHexString((jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
                    + "|" + System.getProperty("java.vm.version")).hashCode());
            Path dir = cacheDir().resolve("cds");
            Files.createDirectories(dir);
            archive = dir.resolve("trigger-" + triggerType + "-" + key + ".jsa");
        } catch (Exception e) {
            return List.of(); // no cache directory: run without an archive
        }
        String quiet = "-Xlog:cds=off,cds+dynamic=off";
        return Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive, quiet)
                : List.of("-XX:ArchiveClassesAtExit=" + archive, quiet);
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isEmpty()
                ? Path.of(xdg, "spinj")
                : Path.of(System.getProperty("user.home"), ".cache", "spinj");
    }
}
