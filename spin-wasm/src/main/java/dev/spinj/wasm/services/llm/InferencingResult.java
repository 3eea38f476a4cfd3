package dev.spinj.wasm.services.llm;

/** {@code llm.inferencing-result}: the generated text and the token counts (unsigned). */
public record InferencingResult(String text, int promptTokenCount, int generatedTokenCount) {}
