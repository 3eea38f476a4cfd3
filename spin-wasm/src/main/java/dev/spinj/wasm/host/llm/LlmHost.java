package dev.spinj.wasm.host.llm;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.spinj.wasm.abi.CanonicalAbi;
import dev.spinj.wasm.abi.GuestMemory;
import dev.spinj.wasm.abi.Slice;
import dev.spinj.wasm.host.ErrorResults;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.host.HostImport;
import dev.spinj.wasm.host.HostInterface;
import dev.spinj.wasm.services.llm.EmbeddingsResult;
import dev.spinj.wasm.services.llm.InferencingParams;
import dev.spinj.wasm.services.llm.InferencingResult;
import dev.spinj.wasm.services.llm.LlmException;
import dev.spinj.wasm.services.llm.LlmService;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code fermyon:spin/llm} of Spin 1.5 (canonical flavour only, SPEC 3.7) over {@link LlmService}.
 * Results, at the return pointer: tag @0; ok {@code inferencing-result} text @4/@8, usage @12/@16,
 * or {@code embeddings-result} {@code list<list<f32>>} @4/@8, usage @12; err case @4, its string
 * @8/@12 (cases: model-not-supported, runtime-error, invalid-input).
 */
public final class LlmHost implements HostInterface {
    private static final Logger LOG = LoggerFactory.getLogger(LlmHost.class);
    private static final int RUNTIME_ERROR = 1;
    private static final int INVALID_INPUT = 2;
    private static final int INFER_RESULT_SIZE = 20;
    private static final int EMBEDDINGS_RESULT_SIZE = 16;

    private final LlmService llm;

    public LlmHost(LlmService llm) {
        this.llm = llm;
    }

    @Override
    public String legacyModule() {
        return null;
    }

    @Override
    public String canonicalModule() {
        return "fermyon:spin/llm";
    }

    @Override
    public List<HostImport> imports() {
        ValType i = ValType.I32;
        ValType f = ValType.F32;
        FunctionType infer = FunctionType.of(List.of(i, i, i, i, i, i, f, i, f, i, f, i), List.of());
        return List.of(
                new HostImport("infer", "infer", infer, this::infer),
                HostImport.i32s("generate-embeddings", 5, this::generateEmbeddings));
    }

    private long[] infer(HostContext ctx, long[] a) {
        CanonicalAbi abi = ctx.abi();
        String model = abi.liftString((int) a[0], (int) a[1], "llm model");
        String prompt = abi.liftString((int) a[2], (int) a[3], "llm prompt");
        InferencingParams params = a[4] == 0 ? null : new InferencingParams((int) a[5], f32(a[6]), (int) a[7],
                f32(a[8]), (int) a[9], f32(a[10]));
        int ret = (int) a[11];
        abi.memory().checkRange(ret, INFER_RESULT_SIZE, "llm return area");
        try {
            InferencingResult result = llm.infer(ctx.component(), model, prompt, params);
            Slice text = abi.lowerString(result.text());
            GuestMemory memory = abi.memory();
            memory.writeU8(ret, 0);
            memory.writeI32(ret + 4, text.ptr());
            memory.writeI32(ret + 8, text.len());
            memory.writeI32(ret + 12, result.promptTokenCount());
            memory.writeI32(ret + 16, result.generatedTokenCount());
        } catch (LlmException e) {
            writeError(ctx, ret, e);
        }
        return null;
    }

    private long[] generateEmbeddings(HostContext ctx, long[] a) {
        CanonicalAbi abi = ctx.abi();
        String model = abi.liftString((int) a[0], (int) a[1], "llm model");
        List<String> texts = abi.liftStrings((int) a[2], (int) a[3], "llm embedding texts");
        int ret = (int) a[4];
        abi.memory().checkRange(ret, EMBEDDINGS_RESULT_SIZE, "llm return area");
        try {
            EmbeddingsResult result = llm.generateEmbeddings(ctx.component(), model, texts);
            Slice vectors = lowerVectors(abi, result.embeddings());
            GuestMemory memory = abi.memory();
            memory.writeU8(ret, 0);
            memory.writeI32(ret + 4, vectors.ptr());
            memory.writeI32(ret + 8, vectors.len());
            memory.writeI32(ret + 12, result.promptTokenCount());
        } catch (LlmException e) {
            writeError(ctx, ret, e);
        }
        return null;
    }

    /** {@code list<list<f32>>}: each vector as little-endian f32s (align 4), then the array of {@code (ptr, len)}. */
    private static Slice lowerVectors(CanonicalAbi abi, List<float[]> vectors) {
        int[] pointers = new int[vectors.size()];
        for (int v = 0; v < pointers.length; v++) {
            float[] values = vectors.get(v);
            ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : values) {
                bytes.putFloat(value);
            }
            pointers[v] = abi.allocator().allocate(4, bytes.capacity());
            abi.memory().write(pointers[v], bytes.array());
        }
        int array = abi.allocator().allocate(4, pointers.length * CanonicalAbi.STRING_SIZE);
        for (int v = 0; v < pointers.length; v++) {
            abi.memory().writeI32(array + v * CanonicalAbi.STRING_SIZE, pointers[v]);
            abi.memory().writeI32(array + v * CanonicalAbi.STRING_SIZE + 4, vectors.get(v).length);
        }
        return new Slice(array, pointers.length);
    }

    private static void writeError(HostContext ctx, int ret, LlmException e) {
        LOG.info("Component {}: llm call failed: {}", ctx.componentId(), e.getMessage());
        int errorCase = e instanceof LlmException.InvalidInput ? INVALID_INPUT : RUNTIME_ERROR;
        ErrorResults.writeStringCase(ctx, ret, 4, errorCase, e.getMessage());
    }

    private static float f32(long raw) {
        return Float.intBitsToFloat((int) raw);
    }
}
