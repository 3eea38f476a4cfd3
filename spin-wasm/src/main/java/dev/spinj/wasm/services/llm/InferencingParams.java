package dev.spinj.wasm.services.llm;

/** {@code llm.inferencing-params}; the u32 fields hold unsigned values. */
public record InferencingParams(
        int maxTokens,
        float repeatPenalty,
        int repeatPenaltyLastNTokenCount,
        float temperature,
        int topK,
        float topP) {

    /** What Spin uses when the guest passes {@code none} ({@code factor-llm/src/host.rs}). */
    public static final InferencingParams DEFAULTS = new InferencingParams(100, 1.1f, 64, 0.8f, 40, 0.9f);
}
