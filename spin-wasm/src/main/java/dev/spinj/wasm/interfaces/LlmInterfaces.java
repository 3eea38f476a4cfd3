package dev.spinj.wasm.interfaces;

import static dev.spinj.wasm.wit.Wit.STRING;
import static dev.spinj.wasm.wit.Wit.alt;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.list;
import static dev.spinj.wasm.wit.Wit.option;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.record;
import static dev.spinj.wasm.wit.Wit.result;
import static dev.spinj.wasm.wit.Wit.variant;

import dev.spinj.cm.abi.RecordValue;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.services.llm.EmbeddingsResult;
import dev.spinj.wasm.services.llm.InferencingParams;
import dev.spinj.wasm.services.llm.InferencingResult;
import dev.spinj.wasm.services.llm.LlmException;
import dev.spinj.wasm.services.llm.LlmService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code fermyon:spin/llm@2.0.0} (SPEC2 §4.2) over the app's {@link LlmService}, as the 1.x interface. */
final class LlmInterfaces {
    private final LlmService llm;

    LlmInterfaces(LlmService llm) {
        this.llm = llm;
    }

    void addTo(Linker linker) {
        ValType error = variant(alt("model-not-supported"), alt("runtime-error", STRING), alt("invalid-input", STRING));
        ValType params = record(param("max-tokens", Primitive.U32), param("repeat-penalty", Primitive.F32),
                param("repeat-penalty-last-n-token-count", Primitive.U32), param("temperature", Primitive.F32),
                param("top-k", Primitive.U32), param("top-p", Primitive.F32));
        ValType inferencing = record(param("text", STRING), param("usage", record(param("prompt-token-count", Primitive.U32),
                param("generated-token-count", Primitive.U32))));
        ValType embeddings = record(param("embeddings", list(list(Primitive.F32))),
                param("usage", record(param("prompt-token-count", Primitive.U32))));
        linker.instance("fermyon:spin/llm@2.0.0", HostInstance.builder()
                .function("infer", ComponentFunction.of(func(result(inferencing, error), param("model", STRING),
                        param("prompt", STRING), param("params", option(params))),
                        a -> run(() -> inferencingResult(llm.infer(HostContext.current().component(), (String) a[0],
                                (String) a[1], ((Optional<?>) a[2]).map(p -> params((RecordValue) p)).orElse(null))))))
                .function("generate-embeddings", ComponentFunction.of(func(result(embeddings, error), param("model", STRING),
                        param("text", list(STRING))), a -> run(() -> embeddingsResult(llm.generateEmbeddings(
                                HostContext.current().component(), (String) a[0], strings((List<?>) a[1]))))))
                .build());
    }

    @FunctionalInterface
    private interface LlmCall {
        Object run() throws LlmException;
    }

    private static ResultValue run(LlmCall call) {
        try {
            return ResultValue.ok(call.run());
        } catch (LlmException e) {
            return ResultValue.err(new VariantValue(e instanceof LlmException.InvalidInput ? "invalid-input" : "runtime-error",
                    e.getMessage()));
        }
    }

    /** u32 fields arrive as Long; the service keeps them as int bit patterns. */
    private static InferencingParams params(RecordValue p) {
        return new InferencingParams(((Long) p.get(0)).intValue(), (Float) p.get(1), ((Long) p.get(2)).intValue(),
                (Float) p.get(3), ((Long) p.get(4)).intValue(), (Float) p.get(5));
    }

    private static RecordValue inferencingResult(InferencingResult r) {
        return RecordValue.of(r.text(), RecordValue.of(Integer.toUnsignedLong(r.promptTokenCount()),
                Integer.toUnsignedLong(r.generatedTokenCount())));
    }

    private static RecordValue embeddingsResult(EmbeddingsResult r) {
        List<List<Float>> vectors = new ArrayList<>(r.embeddings().size());
        for (float[] vector : r.embeddings()) {
            List<Float> values = new ArrayList<>(vector.length);
            for (float f : vector) {
                values.add(f);
            }
            vectors.add(values);
        }
        return RecordValue.of(vectors, RecordValue.of(Integer.toUnsignedLong(r.promptTokenCount())));
    }

    private static List<String> strings(List<?> values) {
        return values.stream().map(String.class::cast).toList();
    }
}
