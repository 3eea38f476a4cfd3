package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Where some content lives: a {@code source} URL (a {@code file:} URL locally), inline bytes
 * (base64, standard alphabet, no padding, as Spin writes them) and an optional digest.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentRef(String source, String inline, String digest) {

    static ContentRef of(String source, String inline, String digest) {
        return new ContentRef(source, inline, digest);
    }

    public static ContentRef ofPath(Path path) {
        return new ContentRef(FileUrls.of(path), null, null);
    }

    /** The local file or directory this refers to; only {@code file:} sources have one. */
    public Path localPath() {
        if (source == null || !source.startsWith("file:")) {
            throw new IllegalStateException("content is not a local file: " + (source == null ? "inline" : source));
        }
        return Path.of(URI.create(source));
    }

    /** The content's bytes, from the inline data or the local file. */
    public byte[] bytes() throws IOException {
        if (inline != null) {
            return Base64.getDecoder().decode(inline);
        }
        return Files.readAllBytes(localPath());
    }
}
