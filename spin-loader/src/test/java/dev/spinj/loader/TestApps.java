package dev.spinj.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test apps live under src/test/resources/apps; each test works on its own copy. */
final class TestApps {
    private TestApps() {}

    static Path resource(String name) {
        try {
            return Path.of(TestApps.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies {@code apps/<name>} into {@code dest} and returns the copy's spin.toml. */
    static Path copy(String name, Path dest) throws IOException {
        Path source = resource("apps/" + name);
        try (Stream<Path> walk = Files.walk(source)) {
            walk.forEach(path -> {
                try {
                    Path target = dest.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return dest.resolve("spin.toml");
    }
}
