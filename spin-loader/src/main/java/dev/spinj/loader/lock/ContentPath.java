package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Content mounted into the guest filesystem at {@code path}. */
// Without the explicit order the creator's "path" would be written before the unwrapped content.
@JsonPropertyOrder({"content", "path"})
public record ContentPath(@JsonUnwrapped ContentRef content, String path) {

    @JsonCreator
    static ContentPath fromJson(
            @JsonProperty("source") String source,
            @JsonProperty("inline") String inline,
            @JsonProperty("digest") String digest,
            @JsonProperty("path") String path) {
        return new ContentPath(ContentRef.of(source, inline, digest), path);
    }
}
