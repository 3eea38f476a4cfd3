package dev.spinj.loader.oci;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.file.Path;

/** Content to push: its descriptor and where its bytes are, a file (wasm, data) or memory (lock, config, manifest). */
public record Blob(Descriptor descriptor, Path file, byte[] bytes) {

    public static Blob of(String mediaType, byte[] bytes) {
        return new Blob(new Descriptor(mediaType, Digests.of(bytes), bytes.length), null, bytes);
    }

    HttpRequest.BodyPublisher publisher() throws FileNotFoundException {
        return file != null ? HttpRequest.BodyPublishers.ofFile(file) : HttpRequest.BodyPublishers.ofByteArray(bytes);
    }
}
