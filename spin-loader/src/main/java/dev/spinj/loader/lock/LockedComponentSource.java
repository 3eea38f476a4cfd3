package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A component's wasm: {@code content_type} plus the flattened {@link ContentRef}. */
public record LockedComponentSource(
        @JsonProperty("content_type") String contentType, @JsonUnwrapped ContentRef content) {

    public static final String WASM = "application/wasm";

    @JsonCreator
    static LockedComponentSource fromJson(
            @JsonProperty("content_type") String contentType,
            @JsonProperty("source") String source,
            @JsonProperty("inline") String inline,
            @JsonProperty("digest") String digest) {
        return new LockedComponentSource(contentType, ContentRef.of(source, inline, digest));
    }
}
