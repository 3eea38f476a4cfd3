package dev.spinj.wasm.services.llm;

import java.util.List;

/**
 * {@code [llm_compute] type = "spin"} (the default): local models, which this runtime does not
 * run. Answers as Spin built without its {@code llm} feature does ({@code factor-llm/src/spin.rs}
 * {@code NoopLlmEngine}).
 */
final class LocalModels implements LlmEngine {
    static final String NOT_SUPPORTED = "Local LLM operations are not supported in this version of Spin.";

    @Override
    public InferencingResult infer(String model, String prompt, InferencingParams params) throws LlmException {
        throw new LlmException.RuntimeError(NOT_SUPPORTED);
    }

    @Override
    public EmbeddingsResult generateEmbeddings(String model, List<String> texts) throws LlmException {
        throw new LlmException.RuntimeError(NOT_SUPPORTED);
    }
}
