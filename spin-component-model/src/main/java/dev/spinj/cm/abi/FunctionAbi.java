package dev.spinj.cm.abi;

import dev.spinj.cm.binary.CanonOptions.StringEncoding;
import dev.spinj.cm.types.CoreFuncType;
import dev.spinj.cm.types.CoreValType;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ValType;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical ABI of one function, planned once from its type and string encoding
 * (CanonicalABI.md {@code flatten_functype}, {@code lift_flat_values}, {@code
 * lower_flat_values}). More than {@value #MAX_FLAT_PARAMS} flat parameters travel as a pointer
 * to a tuple in guest memory; more than {@value #MAX_FLAT_RESULTS} flat result is returned
 * through a pointer (lift) or written to a trailing return-pointer argument (lower).
 *
 * <p>Flat values are raw bits in longs, the way Chicory passes them.
 */
public final class FunctionAbi {
    public static final int MAX_FLAT_PARAMS = 16;
    public static final int MAX_FLAT_RESULTS = 1;
    private static final long[] NONE = new long[0];

    private final FuncType type;
    private final RecordCodec params;
    private final ValueCodec[] paramCodecs;
    private final ValueCodec result;
    private final boolean paramsInMemory;
    private final boolean resultInMemory;
    private final boolean paramsHaveLists;
    private final boolean resultHasLists;

    private FunctionAbi(FuncType type, StringEncoding encoding) {
        this.type = type;
        this.paramCodecs = type.paramTypes().stream().map(t -> Codecs.of(t, encoding)).toArray(ValueCodec[]::new);
        this.params = new RecordCodec(Arrays.asList(paramCodecs), true);
        this.result = type.result() == null ? null : Codecs.of(type.result(), encoding);
        this.paramsInMemory = params.flat().length > MAX_FLAT_PARAMS;
        this.resultInMemory = result != null && result.flat().length > MAX_FLAT_RESULTS;
        this.paramsHaveLists = type.paramTypes().stream().anyMatch(FunctionAbi::containsListOrString);
        this.resultHasLists = type.result() != null && containsListOrString(type.result());
    }

    /** Whether a lift or lower of this type needs the {@code memory} option (CanonicalABI.md "canonopt validation"). */
    public boolean needsMemory() {
        return paramsInMemory || resultInMemory || paramsHaveLists || resultHasLists;
    }

    /** Whether {@code canon lift} needs {@code realloc}: it allocates argument strings, lists or the spilled tuple in the guest. */
    public boolean liftNeedsRealloc() {
        return paramsInMemory || paramsHaveLists;
    }

    /** Whether {@code canon lower} needs {@code realloc}: it allocates result strings and lists in the guest. */
    public boolean lowerNeedsRealloc() {
        return resultHasLists;
    }

    private static boolean containsListOrString(ValType t) {
        if (t == dev.spinj.cm.types.Primitive.STRING || t instanceof dev.spinj.cm.types.ListType) {
            return true;
        }
        if (t instanceof dev.spinj.cm.types.RecordType r) {
            return r.fields().stream().anyMatch(f -> containsListOrString(f.type()));
        }
        if (t instanceof dev.spinj.cm.types.TupleType tu) {
            return tu.types().stream().anyMatch(FunctionAbi::containsListOrString);
        }
        if (t instanceof dev.spinj.cm.types.VariantType v) {
            return v.cases().stream().anyMatch(c -> c.type() != null && containsListOrString(c.type()));
        }
        if (t instanceof dev.spinj.cm.types.OptionType o) {
            return containsListOrString(o.type());
        }
        if (t instanceof dev.spinj.cm.types.ResultType r) {
            return (r.ok() != null && containsListOrString(r.ok())) || (r.error() != null && containsListOrString(r.error()));
        }
        return false;
    }

    /** Plans the ABI of a function of {@code type} with the canon options' string encoding. */
    public static FunctionAbi plan(FuncType type, StringEncoding encoding) {
        return new FunctionAbi(type, encoding);
    }

    public FuncType type() {
        return type;
    }

    /** The core signature of a core function lifted with this type ({@code flatten_functype(..., 'lift')}). */
    public CoreFuncType liftedCoreType() {
        List<CoreValType> ps = paramsInMemory ? List.of(CoreValType.I32) : List.of(params.flat());
        List<CoreValType> rs = result == null ? List.of() : resultInMemory ? List.of(CoreValType.I32) : List.of(result.flat());
        return new CoreFuncType(ps, rs);
    }

    /** The core signature of the core function a lower of this type produces ({@code flatten_functype(..., 'lower')}). */
    public CoreFuncType loweredCoreType() {
        List<CoreValType> ps = new java.util.ArrayList<>(paramsInMemory ? List.of(CoreValType.I32) : List.of(params.flat()));
        if (resultInMemory) {
            ps.add(CoreValType.I32);
        }
        List<CoreValType> rs = result == null || resultInMemory ? List.of() : List.of(result.flat());
        return new CoreFuncType(ps, rs);
    }

    /** True when the result goes through memory (more than 1 flat value). */
    public boolean resultInMemory() {
        return resultInMemory;
    }

    /** Lift side, before the call: lowers Java arguments into flat values for the guest's core function. */
    public long[] lowerParams(CallContext cx, Object... args) {
        checkArity(cx, args);
        if (paramsInMemory) {
            int ptr = cx.allocate(params.alignment(), params.size(), "the parameter tuple");
            params.storeFields(cx, args, ptr);
            return new long[] {ptr};
        }
        FlatWriter out = new FlatWriter(params.flat().length);
        for (int i = 0; i < paramCodecs.length; i++) {
            paramCodecs[i].lowerFlat(cx, args[i], out);
        }
        return out.toArray();
    }

    /** Lift side, after the call: lifts the core function's results into a Java value (null without result). */
    public Object liftResults(CallContext cx, long[] flatResults) {
        if (result == null) {
            return null;
        }
        if (resultInMemory) {
            int ptr = (int) flatResults[0];
            cx.checkRange(ptr, result.size(), result.alignment(), "the result");
            return result.load(cx, ptr);
        }
        return result.liftFlat(cx, new FlatReader(flatResults, 0));
    }

    /** Lower side, on entry: lifts the guest's flat arguments into Java values. */
    public Object[] liftParams(CallContext cx, long[] flatArgs) {
        if (paramsInMemory) {
            int ptr = (int) flatArgs[0];
            cx.checkRange(ptr, params.size(), params.alignment(), "the parameter tuple");
            return params.loadFields(cx, ptr);
        }
        FlatReader in = new FlatReader(flatArgs, 0);
        Object[] out = new Object[paramCodecs.length];
        for (int i = 0; i < paramCodecs.length; i++) {
            out[i] = paramCodecs[i].liftFlat(cx, in);
        }
        return out;
    }

    /** Lower side, on return: lowers the Java result into flat results, or through the trailing return pointer. */
    public long[] lowerResults(CallContext cx, Object value, long[] flatArgs) {
        if (result == null) {
            return NONE;
        }
        if (resultInMemory) {
            int retptr = (int) flatArgs[flatArgs.length - 1];
            cx.checkRange(retptr, result.size(), result.alignment(), "the return pointer");
            result.store(cx, value, retptr);
            return NONE;
        }
        FlatWriter out = new FlatWriter(result.flat().length);
        result.lowerFlat(cx, value, out);
        return out.toArray();
    }

    /** Size and alignment of a value type in linear memory ({@code elem_size}, {@code alignment}). */
    public static int[] sizeAndAlignment(ValType type) {
        ValueCodec c = Codecs.of(type, StringEncoding.UTF8);
        return new int[] {c.size(), c.alignment()};
    }

    /** The flattening of a value type ({@code flatten_type}). */
    public static List<CoreValType> flatten(ValType type) {
        return List.of(Codecs.of(type, StringEncoding.UTF8).flat());
    }

    private void checkArity(CallContext cx, Object[] args) {
        if (args.length != paramCodecs.length) {
            throw new IllegalArgumentException("`" + cx.function + "` takes " + paramCodecs.length + " arguments ("
                    + type + "), given " + args.length);
        }
    }
}
