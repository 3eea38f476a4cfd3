package dev.spinj.wasm.host.http;

import dev.spinj.wasm.http.Header;
import java.util.List;

/**
 * A response handed back to a guest's outbound request, from the network or from the app itself.
 *
 * @param headers names in lower case, one tuple per value
 */
public record HttpReply(int status, List<Header> headers, byte[] body) {}
