package dev.spinj.wasm.services.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.loader.lock.LockedComponent;
import dev.spinj.wasm.DeadlineExceededException;
import dev.spinj.wasm.Deadlines;
import dev.spinj.wasm.config.LlmComputeConfig;
import dev.spinj.wasm.testing.CloudGpuStub;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spin's LLM semantics without wasm: local models refused, remote_http over a loopback stub. */
class LlmServiceTest {
    private static final LockedComponent COMPONENT = new LockedComponent("writer",
            Map.of("ai_models", List.of("llama2-chat", "all-minilm-l6-v2")), null, null, null, null);
    private static final String INFER_REPLY = "{\"text\":\"Hi there\",\"usage\":{\"promptTokenCount\":3,\"generatedTokenCount\":2}}";
    private static final String EMBED_REPLY = "{\"embeddings\":[[0.5,-1.25],[3.0]],\"usage\":{\"promptTokenCount\":7}}";

    private static LlmService remote(CloudGpuStub stub) {
        return LlmService.configure(new LlmComputeConfig.RemoteHttp(stub.url(), "tok-123"));
    }

    @Test
    void withoutRuntimeConfigEveryCallIsSpinsLocalModelError() {
        LlmService llm = LlmService.configure(new LlmComputeConfig.Local());
        LlmException.RuntimeError infer = assertThrows(LlmException.RuntimeError.class,
                () -> llm.infer(COMPONENT, "llama2-chat", "hello", null));
        assertEquals("Local LLM operations are not supported in this version of Spin.", infer.getMessage());
        LlmException.RuntimeError embed = assertThrows(LlmException.RuntimeError.class,
                () -> llm.generateEmbeddings(COMPONENT, "all-minilm-l6-v2", List.of("a")));
        assertEquals("Local LLM operations are not supported in this version of Spin.", embed.getMessage());
    }

    @Test
    void aModelOutsideAiModelsIsInvalidInputAndNeverSent() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/infer", INFER_REPLY, "/embed", EMBED_REPLY))) {
            LlmService llm = remote(stub);
            String expected = "The component does not have access to use 'gpt-9'. To give the component access, add "
                    + "'gpt-9' to the 'ai_models' key for the component in your spin.toml manifest";
            assertEquals(expected, assertThrows(LlmException.InvalidInput.class,
                    () -> llm.infer(COMPONENT, "gpt-9", "hello", null)).getMessage());
            assertEquals(expected, assertThrows(LlmException.InvalidInput.class,
                    () -> llm.generateEmbeddings(COMPONENT, "gpt-9", List.of("a"))).getMessage());
            assertEquals(List.of(), stub.received());
        }
    }

    @Test
    void inferPostsSpinsJsonWithBearerAuthAndDecodesTheReply() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/infer", INFER_REPLY))) {
            InferencingResult result = remote(stub).infer(COMPONENT, "llama2-chat", "Say \"hi\"", null);
            assertEquals(new InferencingResult("Hi there", 3, 2), result);
            assertEquals(List.of(new CloudGpuStub.Received("POST", "/infer", "bearer tok-123", "application/json",
                    "{\"model\":\"llama2-chat\",\"prompt\":\"Say \\\"hi\\\"\",\"options\":{\"maxTokens\":100,"
                            + "\"repeatPenalty\":1.1,\"repeatPenaltyLastNTokenCount\":64,\"temperature\":0.8,"
                            + "\"topK\":40,\"topP\":0.9}}")), stub.received());
        }
    }

    @Test
    void inferSendsTheGuestsParams() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/infer", INFER_REPLY))) {
            remote(stub).infer(COMPONENT, "llama2-chat", "p", new InferencingParams(-1, 1.5f, 8, 0.25f, 1, 0.5f));
            assertEquals("{\"model\":\"llama2-chat\",\"prompt\":\"p\",\"options\":{\"maxTokens\":4294967295,"
                    + "\"repeatPenalty\":1.5,\"repeatPenaltyLastNTokenCount\":8,\"temperature\":0.25,\"topK\":1,"
                    + "\"topP\":0.5}}", stub.received().get(0).body());
        }
    }

    @Test
    void embedPostsSpinsJsonAndDecodesTheVectors() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/embed", EMBED_REPLY))) {
            EmbeddingsResult result = remote(stub).generateEmbeddings(COMPONENT, "all-minilm-l6-v2", List.of("one", "two"));
            assertEquals(7, result.promptTokenCount());
            assertEquals(2, result.embeddings().size());
            assertArrayEquals(new float[] {0.5f, -1.25f}, result.embeddings().get(0));
            assertArrayEquals(new float[] {3.0f}, result.embeddings().get(1));
            assertEquals(List.of(new CloudGpuStub.Received("POST", "/embed", "bearer tok-123", "application/json",
                    "{\"model\":\"all-minilm-l6-v2\",\"input\":[\"one\",\"two\"]}")), stub.received());
        }
    }

    @Test
    void aReplyThatIsNotTheProtocolIsARuntimeError() throws Exception {
        try (CloudGpuStub stub = CloudGpuStub.answering(Map.of("/infer", "{\"text\":42}", "/embed", "{\"embeddings\":[[\"x\"]]}"))) {
            LlmService llm = remote(stub);
            String infer = assertThrows(LlmException.RuntimeError.class,
                    () -> llm.infer(COMPONENT, "llama2-chat", "p", null)).getMessage();
            assertTrue(infer.startsWith("Failed to deserialize response for \"POST  /index\": "), infer);
            String embed = assertThrows(LlmException.RuntimeError.class,
                    () -> llm.generateEmbeddings(COMPONENT, "all-minilm-l6-v2", List.of("a"))).getMessage();
            assertTrue(embed.startsWith("Failed to deserialize response  for \"POST  /embed\": "), embed);
        }
    }

    @Test
    void aSilentServerCostsTheRequestItsDeadlineOnly() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Deadlines deadlines = new Deadlines(Duration.ofMillis(500))) {
            LlmService llm = LlmService.configure(new LlmComputeConfig.RemoteHttp(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), "t"));
            long start = System.nanoTime();
            assertThrows(DeadlineExceededException.class, () -> deadlines.run(() -> {
                try {
                    return llm.infer(COMPONENT, "llama2-chat", "p", null);
                } catch (LlmException e) {
                    return null;
                }
            }));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "infer outlived its deadline");
        }
    }

    @Test
    void anUnreachableServerIsARuntimeError() throws Exception {
        CloudGpuStub stub = CloudGpuStub.answering(Map.of());
        LlmService llm = remote(stub);
        stub.close();
        String message = assertThrows(LlmException.RuntimeError.class,
                () -> llm.infer(COMPONENT, "llama2-chat", "p", null)).getMessage();
        assertTrue(message.startsWith("POST /infer request error: "), message);
    }
}
