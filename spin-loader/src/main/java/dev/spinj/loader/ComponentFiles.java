package dev.spinj.loader;

import dev.spinj.loader.lock.ContentPath;
import dev.spinj.loader.lock.ContentRef;
import dev.spinj.loader.manifest.Manifest.Component;
import dev.spinj.loader.manifest.Manifest.FileMount;
import dev.spinj.loader.manifest.Manifest.FilePattern;
import dev.spinj.loader.manifest.Manifest.FilePlacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A component's {@code files}, made mountable (SPEC 5): either copied into one directory per
 * component and mounted at {@code /} (Spin's default), or mounted in place
 * ({@code --direct-mounts}: directories only, no {@code exclude_files}).
 */
final class ComponentFiles {
    private final Path appDir;
    private final List<Glob> excludes;

    private ComponentFiles(Path appDir, List<String> excludeFiles) {
        this.appDir = appDir;
        this.excludes = excludeFiles.stream().map(Glob::forExcludes).toList();
    }

    /** Copies the matched files into {@code destRoot} and returns the single mount of it at {@code /}. */
    static List<ContentPath> copy(Component component, Path appDir, Path destRoot) throws IOException {
        ComponentFiles files = new ComponentFiles(appDir, component.excludeFiles());
        Files.createDirectories(destRoot);
        for (FileMount mount : component.files()) {
            if (mount instanceof FilePattern pattern) {
                files.copyPattern(pattern.glob(), destRoot);
            } else if (mount instanceof FilePlacement placement) {
                files.copyPlacement(placement, destRoot);
            }
        }
        return List.of(new ContentPath(ContentRef.ofPath(destRoot), "/"));
    }

    /** One mount per entry, each pointing at the original host directory. */
    static List<ContentPath> direct(Component component, Path appDir) throws IOException {
        if (!component.excludeFiles().isEmpty()) {
            throw new IOException("Cannot load a component with `exclude_files` using --direct-mounts");
        }
        List<ContentPath> mounts = new ArrayList<>();
        for (FileMount mount : component.files()) {
            String source = mount instanceof FilePlacement p ? p.source() : ((FilePattern) mount).glob();
            Path dir = appDir.resolve(source).normalize();
            if (!Files.isDirectory(dir)) {
                throw new IOException("Only directory mounts are supported with `--direct-mounts`; \""
                        + source + "\" is not a directory.");
            }
            String guestPath = mount instanceof FilePlacement p
                    ? p.destination()
                    : "/" + appDir.relativize(dir).toString().replace('\\', '/');
            mounts.add(new ContentPath(ContentRef.ofPath(dir), guestPath));
        }
        return mounts;
    }

    private void copyPattern(String glob, Path destRoot) throws IOException {
        if (glob.equals("..") || glob.endsWith("/..") || glob.equals(".") || glob.endsWith("/.")) {
            throw new IOException("A file pattern can't end in a directory path (\"" + glob
                    + "\"); use source-destination form, or a glob pattern ending in **/*.");
        }
        Path path = inside(appDir.resolve(glob).normalize(), glob);
        if (Files.isDirectory(path)) {
            copyTree(path, appDir, destRoot);
        } else if (Files.isRegularFile(path)) {
            copyFile(path, destRoot.resolve(appDir.relativize(path)));
        } else if (Glob.looksLikeGlob(glob)) {
            Glob matcher = Glob.forFiles(glob);
            Path start = inside(appDir.resolve(literalPrefix(glob)).normalize(), glob);
            for (Path file : filesUnder(start)) {
                if (matcher.matches(relative(file))) {
                    copyFile(file, destRoot.resolve(appDir.relativize(file)));
                }
            }
        } else {
            throw new IOException("\"" + glob + "\" does not exist and doesn't appear to be a glob pattern");
        }
    }

    private void copyPlacement(FilePlacement placement, Path destRoot) throws IOException {
        Path source = inside(appDir.resolve(placement.source()).normalize(), placement.source());
        Path dest = destRoot.resolve(placement.destination().replaceFirst("^/+", "")).normalize();
        if (!dest.startsWith(destRoot)) {
            throw new IOException("\"" + placement.destination() + "\" is not a valid destination");
        }
        if (Files.isDirectory(source)) {
            copyTree(source, source, dest);
        } else if (Files.isRegularFile(source)) {
            copyFile(source, dest);
        } else {
            throw new IOException("File or directory \"" + placement.source() + "\" does not exist");
        }
    }

    /** Copies every non-excluded file under {@code dir}, keeping its path relative to {@code base}. */
    private void copyTree(Path dir, Path base, Path destRoot) throws IOException {
        for (Path file : filesUnder(dir)) {
            copyFile(file, destRoot.resolve(base.relativize(file)));
        }
    }

    private void copyFile(Path source, Path dest) throws IOException {
        String relative = relative(source);
        if (excludes.stream().anyMatch(glob -> glob.matches(relative))) {
            return;
        }
        Files.createDirectories(dest.getParent());
        Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
    }

    private Path inside(Path path, String asWritten) throws IOException {
        if (!path.startsWith(appDir)) {
            throw new IOException(asWritten + " cannot be mapped because it is outside the application directory."
                    + " Files must be within the application directory.");
        }
        return path;
    }

    private String relative(Path file) {
        return appDir.relativize(file).toString().replace('\\', '/');
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The directories before the first wildcard: no need to walk the rest of the app dir. */
    private static String literalPrefix(String glob) {
        int wildcard = 0;
        while (wildcard < glob.length() && "*?[".indexOf(glob.charAt(wildcard)) < 0) {
            wildcard++;
        }
        int slash = glob.lastIndexOf('/', wildcard);
        return slash < 0 ? "" : glob.substring(0, slash);
    }
}
