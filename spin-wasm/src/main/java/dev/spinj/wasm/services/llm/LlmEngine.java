package dev.spinj.wasm.services.llm;

import java.util.List;

/** Where inference runs, once the component's access to the model has been checked. */
interface LlmEngine {
    InferencingResult infer(String model, String prompt, InferencingParams params) throws LlmException;

    EmbeddingsResult generateEmbeddings(String model, List<String> texts) throws LlmException;
}
