package dev.spinj.loader.lock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An application variable: its description (Spin 2 only), its default (absent when required)
 * and whether it is a secret ({@code secret} is written only when true, as Spin does).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LockedVariable(
        String description, @JsonProperty("default") String defaultValue, Boolean secret) {

    public LockedVariable(String defaultValue, Boolean secret) {
        this(null, defaultValue, secret);
    }

    // Ignored for JSON: as a bean getter it would turn an absent secret into "secret": false.
    @JsonIgnore
    public boolean isSecret() {
        return Boolean.TRUE.equals(secret);
    }
}
