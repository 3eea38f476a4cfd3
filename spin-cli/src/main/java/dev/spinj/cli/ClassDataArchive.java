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
 * or another JVM records afresh. JDK 17 has only the dynamic archive of loaded classes; on JDK 25
 * and later the AOT cache (JEP 483, 514, 515) also keeps them linked, with the lambdas resolved
 * and the training run's method profiles, so the JIT starts from where the last run left off.
 */
final class ClassDataArchive {
    private static final int AOT_CACHE_RELEASE = 25;

    private ClassDataArchive() {}

    /** The JVM options for a child running {@code triggerType}; none when the classpath is not one jar. */
    static List<String> jvmOptions(String triggerType) {
        String classPath = System.getProperty("java.class.path");
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return List.of(); // archives only cover classes from jar files
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        boolean aot = Runtime.version().feature() >= AOT_CACHE_RELEASE;
        Path archive;
        try {
            String key = Integer.toHexString((jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
                    + "|" + System.getProperty("java.vm.version")).hashCode());
            Path dir = cacheDir().resolve("cds");
            Files.createDirectories(dir);
            archive = dir.resolve("trigger-" + triggerType + "-" + key + (aot ? ".aot" : ".jsa"));
        } catch (Exception e) {
            return List.of(); // no cache directory: run without an archive
        }
        boolean exists = Files.isRegularFile(archive);
        if (aot) {
            // aot=off too: a cache made by a run with other options is refused with a warning, then ignored
            String quiet = "-Xlog:cds=off,cds+dynamic=off,aot=off";
            return exists
                    ? List.of("-XX:AOTCache=" + archive, quiet)
                    : List.of("-XX:AOTCacheOutput=" + archive, quiet);
        }
        String quiet = "-Xlog:cds=off,cds+dynamic=off";
        return exists
                ? List.of("-XX:SharedArchiveFile=" + archive, quiet)
                : List.of("-XX:ArchiveClassesAtExit=" + archive, quiet);
    }

    /** Options this class (or the {@code spin} launcher) chose, which a child must not inherit. */
    static boolean isArchiveOption(String option) {
        return option.startsWith("-XX:SharedArchiveFile") || option.startsWith("-XX:ArchiveClassesAtExit")
                || option.startsWith("-XX:AOTCache") || option.startsWith("-Xlog:cds") || option.startsWith("-Xshare");
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isEmpty()
                ? Path.of(xdg, "spinj")
                : Path.of(System.getProperty("user.home"), ".cache", "spinj");
    }
}
