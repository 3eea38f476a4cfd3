package dev.spinj.wasm.interfaces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.LlmComputeConfig;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.host.HostServices;
import dev.spinj.wasm.testing.CloudGpuStub;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** outbound-guest.c's fermyon:spin/llm@2.0.0 calls on {@link SpinInterfaces}: the 1.x LLM service behind the 2.x types. */
@Timeout(60)
class LlmInterfacesTest {
    private static final LockedComponent COMPONENT = new LockedComponent("writer",
            Map.of("ai_models", List.of("llama2-chat", "all-minilm-l6-v2")), null, Map.of(), List.of(), Map.of());

    private static HostServices services(LlmComputeConfig llm) {
        LockedApp app = new LockedApp(1, Map.of("name", "llm-test", "triggers", Map.of()), Map.of(), List.of(), List.of(COMPONENT));
        return HostServices.create(app, Map.of(), HostSettings.defaults().withRuntimeConfig(
                new RuntimeConfig(null, null, Map.of(), Map.of(), List.of(), llm)));
    }

    private static Object call(HostServices services, String function, Object... args) throws Exception {
        SpinGuest guest = new SpinGuest("outbound-guest", services, COMPONENT);
        try (var i = guest.instantiate()) {
            return i.call(function, args);
        }
    }

    @Test
    void aModelTheComponentDoesNotListIsInvalidInput() throws Exception {
        try (HostServices services = services(new LlmComputeConfig.Local())) {
            assertEquals(ResultValue.err(new VariantValue("invalid-input", "The component does not have access to use 'gpt-9'."
                    + " To give the component access, add 'gpt-9' to the 'ai_models' key for the component in your spin.toml"
                    + " manifest")), call(services, "infer", "gpt-9", "hello", Optional.empty()));
        }
    }

    @Test
    void withoutRuntimeConfigInferIsSpinsLocalModelRuntimeError() throws Exception {
        try (HostServices services = services(new LlmComputeConfig.Local())) {
            assertEquals(ResultValue.err(new VariantValue("runtime-error",
                    "Local LLM operations are not supported in this version of Spin.")),
                    call(services, "infer", "llama2-chat", "hello", Optional.empty()));
        }
    }

    @Test
    void remoteInferSendsTheGuestsParamsAndAnswersTextAndUsage() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/infer",
                "{\"text\":\"Bonjour\",\"usage\":{\"promptTokenCount\":4,\"generatedTokenCount\":1}}"));
                HostServices services = services(new LlmComputeConfig.RemoteHttp(stub.url(), "tok-1"))) {
            Object result = call(services, "infer", "llama2-chat", "Translate: hello",
                    Optional.of(RecordValue.of(7L, 1.5f, 8L, 0.25f, 1L, 0.5f)));
            assertEquals(ResultValue.ok(RecordValue.of("Bonjour", RecordValue.of(4L, 1L))), result);
            assertEquals("{\"model\":\"llama2-chat\",\"prompt\":\"Translate: hello\",\"options\":{\"maxTokens\":7,"
                    + "\"repeatPenalty\":1.5,\"repeatPenaltyLastNTokenCount\":8,\"temperature\":0.25,\"topK\":1,\"topP\":0.5}}",
                    stub.received().get(0).body());
        }
    }

    @Test
    void remoteEmbeddingsAnswerListsOfF32AndUsage() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/embed",
                "{\"embeddings\":[[0.5,-2.0,1e-3],[]],\"usage\":{\"promptTokenCount\":9}}"));
                HostServices services = services(new LlmComputeConfig.RemoteHttp(stub.url(), "tok-1"))) {
            assertEquals(ResultValue.ok(RecordValue.of(List.of(List.of(0.5f, -2.0f, 1e-3f), List.of()), RecordValue.of(9L))),
                    call(services, "generate-embeddings", "all-minilm-l6-v2", List.of("cat", "dog")));
            assertEquals("{\"model\":\"all-minilm-l6-v2\",\"input\":[\"cat\",\"dog\"]}", stub.received().get(0).body());
        }
    }
}
