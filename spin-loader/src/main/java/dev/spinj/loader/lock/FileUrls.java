package dev.spinj.loader.lock;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code file:} URLs written the way Spin writes them: {@code file:///abs/path}, directories with a trailing slash. */
public final class FileUrls {
    private FileUrls() {}

    public static String of(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        String url = abs.toUri().toString(); // file:///... ; directories already end in '/'
        if (Files.isDirectory(abs) && !url.endsWith("/")) {
            url += "/";
        }
        return url;
    }
}
