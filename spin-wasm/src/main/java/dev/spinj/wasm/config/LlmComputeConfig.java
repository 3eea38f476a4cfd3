package dev.spinj.wasm.config;

import java.net.URI;

/** {@code [llm_compute]} of a runtime config file: where a component's {@code llm} calls go. */
public sealed interface LlmComputeConfig {
    /** {@code type = "spin"}, also the default: local models, which this runtime does not run. */
    record Local() implements LlmComputeConfig {}

    /**
     * {@code type = "remote_http"}: a server speaking Spin's cloud-gpu protocol
     * ({@code POST <url>/infer}, {@code /embed}, bearer {@code auth_token}).
     */
    record RemoteHttp(URI url, String authToken) implements LlmComputeConfig {
        @Override
        public String toString() {
            return "RemoteHttp[url=" + url + "]"; // the token stays out of logs
        }
    }
}
