package dev.spinj.wasm.services.llm;

/**
 * The {@code error} variant of {@code fermyon:spin/llm} (1.x and @2.0.0), one subclass per case
 * this runtime produces. {@code model-not-supported} comes only from Spin's local engine, which
 * this runtime does not have (neither does Spin built without its {@code llm} feature).
 */
public abstract sealed class LlmException extends Exception {
    private static final long serialVersionUID = 1L;

    private LlmException(String message) {
        super(message);
    }

    public static final class RuntimeError extends LlmException {
        private static final long serialVersionUID = 1L;

        public RuntimeError(String message) {
            super(message);
        }
    }

    public static final class InvalidInput extends LlmException {
        private static final long serialVersionUID = 1L;

        public InvalidInput(String message) {
            super(message);
        }
    }
}
