package dev.spinj.wasm.host.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spinj.loader.lock.LockedApp;
import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.ComponentPre;
import dev.spinj.wasm.GuestInstance;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.WasmApp;
import dev.spinj.wasm.WatGuests;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.GuestMemory;
import dev.spinj.wasm.config.HostSettings;
import dev.spinj.wasm.config.LlmComputeConfig;
import dev.spinj.wasm.config.RuntimeConfig;
import dev.spinj.wasm.testing.CloudGpuStub;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A Spin 1.5 guest (WAT, canonical flavour) calling {@code fermyon:spin/llm} through Chicory. */
@Timeout(60)
class LlmHostTest {
    private record Failure(int errorCase, String message) {}

    private static WasmApp app(LlmComputeConfig llm) throws Exception {
        LockedApp wat = WatGuests.app("writer", WatGuests.compile("llm-caller"), Map.of());
        LockedComponent c = wat.components().get(0);
        LockedComponent withModels = new LockedComponent(c.id(), Map.of("ai_models", List.of("llama2-chat", "all-minilm-l6-v2")),
                c.source(), c.env(), c.files(), c.config());
        LockedApp app = new LockedApp(0, wat.metadata(), Map.of(), wat.triggers(), List.of(withModels));
        RuntimeConfig config = new RuntimeConfig(null, null, Map.of(), Map.of(), List.of(), llm);
        return WasmApp.builder(app).withHostSettings(HostSettings.defaults().withRuntimeConfig(config)).build();
    }

    private static GuestInstance guest(WasmApp app) throws Exception {
        ComponentPre pre = app.prepare("writer");
        return pre.instantiate(WasiInvocation.spin(System.out, System.err));
    }

    private static int infer(GuestInstance guest, String model, String prompt, boolean withParams) {
        GuestMemory memory = guest.abi().memory();
        byte[] m = model.getBytes(StandardCharsets.UTF_8);
        byte[] p = prompt.getBytes(StandardCharsets.UTF_8);
        memory.write(2048, m);
        memory.write(3072, p);
        return (int) guest.call("infer", 2048, m.length, 3072, p.length, withParams ? 1 : 0)[0];
    }

    private static Failure failure(CanonicalAbi abi, int ret) {
        assertEquals(1, abi.memory().u8(ret), "result tag");
        return new Failure(abi.memory().u8(ret + 4),
                abi.liftString(abi.memory().i32(ret + 8), abi.memory().i32(ret + 12), "message"));
    }

    @Test
    void withoutRuntimeConfigInferIsSpinsLocalModelRuntimeError() throws Exception {
        try (WasmApp app = app(new LlmComputeConfig.Local()); GuestInstance guest = guest(app)) {
            int ret = infer(guest, "llama2-chat", "hello", false);
            assertEquals(new Failure(1, "Local LLM operations are not supported in this version of Spin."),
                    failure(guest.abi(), ret));
        }
    }

    @Test
    void aModelTheComponentDoesNotListIsInvalidInput() throws Exception {
        try (WasmApp app = app(new LlmComputeConfig.Local()); GuestInstance guest = guest(app)) {
            int ret = infer(guest, "gpt-9", "hello", false);
            assertEquals(new Failure(2, "The component does not have access to use 'gpt-9'. To give the component access,"
                    + " add 'gpt-9' to the 'ai_models' key for the component in your spin.toml manifest"),
                    failure(guest.abi(), ret));
        }
    }

    @Test
    void remoteInferSendsTheGuestsParamsAndTheGuestReadsTheReply() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/infer",
                "{\"text\":\"Bonjour\",\"usage\":{\"promptTokenCount\":4,\"generatedTokenCount\":1}}"));
                WasmApp app = app(new LlmComputeConfig.RemoteHttp(stub.url(), "tok-1"));
                GuestInstance guest = guest(app)) {
            int ret = infer(guest, "llama2-chat", "Translate: hello", true);
            GuestMemory memory = guest.abi().memory();
            assertEquals(0, memory.u8(ret));
            assertEquals("Bonjour", guest.abi().liftString(memory.i32(ret + 4), memory.i32(ret + 8), "text"));
            assertEquals(4, memory.i32(ret + 12));
            assertEquals(1, memory.i32(ret + 16));
            assertEquals(List.of(new CloudGpuStub.Received("POST", "/infer", "bearer tok-1", "application/json",
                    "{\"model\":\"llama2-chat\",\"prompt\":\"Translate: hello\",\"options\":{\"maxTokens\":7,"
                            + "\"repeatPenalty\":1.5,\"repeatPenaltyLastNTokenCount\":8,\"temperature\":0.25,"
                            + "\"topK\":1,\"topP\":0.5}}")), stub.received());
        }
    }

    @Test
    void remoteEmbeddingsReachTheGuestAsListsOfF32() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/embed",
                "{\"embeddings\":[[0.5,-2.0,1e-3],[]],\"usage\":{\"promptTokenCount\":9}}"));
                WasmApp app = app(new LlmComputeConfig.RemoteHttp(stub.url(), "tok-1"));
                GuestInstance guest = guest(app)) {
            GuestMemory memory = guest.abi().memory();
            byte[] model = "all-minilm-l6-v2".getBytes(StandardCharsets.UTF_8);
            memory.write(2048, model);
            memory.write(3000, "cat".getBytes(StandardCharsets.UTF_8));
            memory.write(3010, "dog".getBytes(StandardCharsets.UTF_8));
            memory.writeI32(4096, 3000);
            memory.writeI32(4100, 3);
            memory.writeI32(4104, 3010);
            memory.writeI32(4108, 3);
            int ret = (int) guest.call("embed", 2048, model.length, 4096, 2)[0];
            assertEquals(0, memory.u8(ret));
            int vectors = memory.i32(ret + 4);
            assertEquals(2, memory.i32(ret + 8));
            assertEquals(9, memory.i32(ret + 12));
            assertArrayEquals(new float[] {0.5f, -2.0f, 1e-3f}, floats(memory, memory.i32(vectors), memory.i32(vectors + 4)));
            assertEquals(0, memory.i32(vectors + 12));
            assertEquals("{\"model\":\"all-minilm-l6-v2\",\"input\":[\"cat\",\"dog\"]}", stub.received().get(0).body());
        }
    }

    private static float[] floats(GuestMemory memory, int ptr, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = Float.intBitsToFloat(memory.i32(ptr + 4 * i));
        }
        return values;
    }
}
