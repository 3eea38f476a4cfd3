package dev.spinj.wasm.http;

import java.util.List;

/**
 * The {@code response} record a guest returned. {@code headers} and {@code body} are null when
 * the guest returned {@code none} (Go does for no headers, redirects do for the body).
 */
public record GuestResponse(int status, List<Header> headers, byte[] body) {}
