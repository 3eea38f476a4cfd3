package dev.spinj.loader.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An OCI content descriptor; written with sorted keys, as Spin's canonical manifest JSON has them. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = true)
public record Descriptor(String mediaType, String digest, long size) {}
