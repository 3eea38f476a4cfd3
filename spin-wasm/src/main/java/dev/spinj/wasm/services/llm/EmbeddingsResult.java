package dev.spinj.wasm.services.llm;

import java.util.List;

/** {@code llm.embeddings-result}: one vector per input text, and the prompt's token count (unsigned). */
public record EmbeddingsResult(List<float[]> embeddings, int promptTokenCount) {
    public EmbeddingsResult {
        embeddings = List.copyOf(embeddings);
    }
}
