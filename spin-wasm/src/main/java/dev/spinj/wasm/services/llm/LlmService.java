package dev.spinj.wasm.services.llm;

import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.LlmComputeConfig;
import java.net.http.HttpClient;
import java.util.List;

/**
 * Spin's {@code llm} capability for every component of an app, behind both the 1.x interface
 * and {@code fermyon:spin/llm@2.0.0}: a component may use only the models its {@code ai_models}
 * lists ({@code invalid-input} otherwise, as {@code factor-llm/src/host.rs}); the engine the
 * runtime config chooses does the rest.
 */
public final class LlmService {
    private final LlmEngine engine;

    private LlmService(LlmEngine engine) {
        this.engine = engine;
    }

    public static LlmService configure(LlmComputeConfig config) {
        if (config instanceof LlmComputeConfig.RemoteHttp remote) {
            return new LlmService(new RemoteHttpLlm(remote.url(), remote.authToken(),
                    HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()));
        }
        return new LlmService(new LocalModels());
    }

    /** @param params null for the guest's {@code none}: Spin's {@link InferencingParams#DEFAULTS} */
    public InferencingResult infer(LockedComponent component, String model, String prompt, InferencingParams params)
            throws LlmException {
        checkAccess(component, model);
        return engine.infer(model, prompt, params == null ? InferencingParams.DEFAULTS : params);
    }

    public EmbeddingsResult generateEmbeddings(LockedComponent component, String model, List<String> texts)
            throws LlmException {
        checkAccess(component, model);
        return engine.generateEmbeddings(model, texts);
    }

    private static void checkAccess(LockedComponent component, String model) throws LlmException {
        if (!component.metadataList("ai_models").contains(model)) {
            throw new LlmException.InvalidInput("The component does not have access to use '" + model
                    + "'. To give the component access, add '" + model
                    + "' to the 'ai_models' key for the component in your spin.toml manifest");
        }
    }
}
