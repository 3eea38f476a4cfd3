package dev.spinj.loader.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest (or a Docker v2 one, which has the same fields). Written the way Spin's
 * client writes it: canonical JSON (keys sorted, compact) and no {@code mediaType} field (the
 * type travels in the Content-Type header).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder(alphabetic = true)
public record ImageManifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
        Map<String, String> annotations) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ImageManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? Map.of() : annotations;
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest is always serialisable", e);
        }
    }

    public static ImageManifest fromJson(byte[] json) throws IOException {
        ImageManifest manifest = JSON.readValue(json, ImageManifest.class);
        if (manifest.schemaVersion() != 2 || manifest.config() == null) {
            throw new IOException("not an image manifest (schemaVersion " + manifest.schemaVersion()
                    + (manifest.config() == null ? ", no config" : "") + ")");
        }
        return manifest;
    }
}
