package dev.spinj.wasm.services.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spinj.wasm.Deadlines;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [llm_compute] type = "remote_http"}: Spin's cloud-gpu protocol
 * ({@code crates/llm-remote-http/src/default.rs}). {@code POST <url>/infer} with
 * {@code {"model","prompt","options":{maxTokens,…}}} answers {@code {"text","usage":{promptTokenCount,
 * generatedTokenCount}}}; {@code POST <url>/embed} with {@code {"model","input":[…]}} answers
 * {@code {"embeddings":[[…]],"usage":{promptTokenCount}}}; both with {@code authorization: bearer
 * <token>}. Like Spin, the paths replace the url's own path, and every failure is a
 * {@code runtime-error} whose text starts as Spin's does.
 */
final class RemoteHttpLlm implements LlmEngine {
    /** Without a deadline a call still ends; inference on a busy server can take minutes. */
    private static final Duration WITHOUT_DEADLINE = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI infer;
    private final URI embed;
    private final String authorization;
    private final HttpClient client;

    RemoteHttpLlm(URI url, String authToken, HttpClient client) {
        this.infer = url.resolve("/infer");
        this.embed = url.resolve("/embed");
        this.authorization = "bearer " + authToken;
        this.client = client;
    }

    @Override
    public InferencingResult infer(String model, String prompt, InferencingParams params) throws LlmException {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("prompt", prompt);
        body.putObject("options")
                .put("maxTokens", Integer.toUnsignedLong(params.maxTokens()))
                .put("repeatPenalty", params.repeatPenalty())
                .put("repeatPenaltyLastNTokenCount", Integer.toUnsignedLong(params.repeatPenaltyLastNTokenCount()))
                .put("temperature", params.temperature())
                .put("topK", Integer.toUnsignedLong(params.topK()))
                .put("topP", params.topP());
        JsonNode reply = post(infer, "/infer", body, "Failed to deserialize response for \"POST  /index\"");
        try {
            JsonNode usage = field(reply, "usage");
            return new InferencingResult(text(field(reply, "text")), u32(field(usage, "promptTokenCount")),
                    u32(field(usage, "generatedTokenCount")));
        } catch (IllegalArgumentException e) {
            throw new LlmException.RuntimeError("Failed to deserialize response for \"POST  /index\": " + e.getMessage());
        }
    }

    @Override
    public EmbeddingsResult generateEmbeddings(String model, List<String> texts) throws LlmException {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode input = body.putArray("input");
        texts.forEach(input::add);
        JsonNode reply = post(embed, "/embed", body, "Failed to deserialize response  for \"POST  /embed\"");
        try {
            JsonNode vectors = field(reply, "embeddings");
            if (!vectors.isArray()) {
                throw new IllegalArgumentException("embeddings is not an array");
            }
            List<float[]> embeddings = new ArrayList<>();
            for (JsonNode vector : vectors) {
                if (!vector.isArray()) {
                    throw new IllegalArgumentException("an embedding is not an array");
                }
                float[] values = new float[vector.size()];
                for (int i = 0; i < values.length; i++) {
                    if (!vector.get(i).isNumber()) {
                        throw new IllegalArgumentException("an embedding holds " + vector.get(i));
                    }
                    values[i] = vector.get(i).floatValue();
                }
                embeddings.add(values);
            }
            return new EmbeddingsResult(embeddings, u32(field(field(reply, "usage"), "promptTokenCount")));
        } catch (IllegalArgumentException e) {
            throw new LlmException.RuntimeError("Failed to deserialize response  for \"POST  /embed\": " + e.getMessage());
        }
    }

    private JsonNode post(URI target, String path, ObjectNode body, String undecodable) throws LlmException {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout())
                .header("authorization", authorization)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new LlmException.RuntimeError("POST " + path + " request error: no answer within " + request.timeout()
                    .orElseThrow().toMillis() + " ms");
        } catch (IOException e) {
            throw new LlmException.RuntimeError("POST " + path + " request error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the deadline fired: the guest stops at its next call
            throw new LlmException.RuntimeError("POST " + path + " request error: interrupted");
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new LlmException.RuntimeError(undecodable + ": status " + response.statusCode() + ", "
                    + e.getOriginalMessage());
        }
    }

    private static Duration timeout() {
        return Deadlines.remainingAtMost(WITHOUT_DEADLINE);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field `" + name + "`");
        }
        return value;
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(node + " is not a string");
        }
        return node.textValue();
    }

    private static int u32(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0 || node.longValue() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(node + " is not a u32");
        }
        return (int) node.longValue();
    }
}
