package dev.spinj.wasm.http;

import java.util.List;

/** The {@code request} record handed to a guest: {@code params} is always empty, {@code body} always some. */
public record GuestRequest(GuestMethod method, String uri, List<Header> headers, byte[] body) {}
