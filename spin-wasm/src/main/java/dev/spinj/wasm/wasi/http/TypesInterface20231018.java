package dev.spinj.wasm.wasi.http;

import static dev.spinj.wasm.wit.Wit.borrow;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.own;
import static dev.spinj.wasm.wasi.http.HttpWitTypes.ownOrNothing;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.self;
import static dev.spinj.wasm.wasi.http.TypesInterface.add;
import static dev.spinj.wasm.wasi.http.TypesInterface.fields;
import static dev.spinj.wasm.wasi.http.TypesInterface.fn;
import static dev.spinj.wasm.wasi.http.TypesInterface.get;
import static dev.spinj.wasm.wasi.http.TypesInterface.handOut;
import static dev.spinj.wasm.wasi.http.TypesInterface.okOrNothing;
import static dev.spinj.wasm.wasi.http.TypesInterface.outgoingRequest;
import static dev.spinj.wasm.wasi.http.TypesInterface.outgoingResponse;
import static dev.spinj.wasm.wasi.http.TypesInterface.take;
import static dev.spinj.wasm.wasi.http.TypesInterface.trapOnRejection;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.wasi.p2.WasiStreams;
import dev.spinj.wasm.wasi.p2.WasiVersion;
import java.util.List;
import java.util.Optional;

/**
 * {@code wasi:http/types@0.2.0-rc-2023-10-18} (Spin 2.0 guests), as Spin's shim maps it onto
 * 0.2.0: fields are built from a list and their changes trap instead of answering {@code
 * header-error}; requests and responses are built whole (borrowing headers, which are copied) and
 * written with {@code write}; the request's missing authority becomes {@code :80}/{@code :443} (a
 * request to the app itself); errors are the candidate's {@code error} variant, every {@code
 * error-code} an {@code unexpected-error} naming it; a body that ends short traps; absent trailers
 * are an empty fields. What is the same as 0.2.0 comes from {@link TypesInterface}.
 */
final class TypesInterface20231018 {
    private final HttpWitTypes t;
    private final WasiStreams streams;
    private final TypesInterface shared;

    TypesInterface20231018(HttpWitTypes types, WasiStreams streams) {
        this.t = types;
        this.streams = streams;
        this.shared = new TypesInterface(types, streams, WasiVersion.V0_2_0);
    }

    HostInstance build() {
        HostInstance.Builder b = streams.withPollable(streams.withOutputStream(streams.withInputStream(HostInstance.builder())));
        shared.hostResources(b);
        ValType bytes = new ListType(Primitive.U8);
        ValType error = t.error20231018;
        b.function("[constructor]fields", fn(func(own(t.fields), param("entries", new ListType(t.fieldEntry))), a -> {
            Fields fields = Fields.empty();
            for (Object entry : (List<?>) a[0]) {
                List<?> pair = (List<?>) entry;
                trapOnRejection("[constructor]fields", () -> fields.append((String) pair.get(0), (byte[]) pair.get(1)));
            }
            return add(fields);
        }));
        b.function("[method]fields.get", fn(func(new ListType(bytes), self(t.fields), param("name", Primitive.STRING)),
                a -> fields(a[0]).get((String) a[1])));
        b.function("[method]fields.set", fn(func(null, self(t.fields), param("name", Primitive.STRING), param("value", new ListType(bytes))),
                a -> {
                    @SuppressWarnings("unchecked")
                    List<byte[]> values = (List<byte[]>) a[2];
                    return trapOnRejection("fields.set", () -> fields(a[0]).set((String) a[1], values));
                }));
        b.function("[method]fields.delete", fn(func(null, self(t.fields), param("name", Primitive.STRING)),
                a -> trapOnRejection("fields.delete", () -> fields(a[0]).delete((String) a[1]))));
        b.function("[method]fields.append", fn(func(null, self(t.fields), param("name", Primitive.STRING), param("value", bytes)),
                a -> trapOnRejection("fields.append", () -> fields(a[0]).append((String) a[1], (byte[]) a[2]))));
        b.function("[method]fields.entries", fn(func(new ListType(t.fieldEntry), self(t.fields)), a -> fields(a[0]).entries()));
        b.function("[method]fields.clone", fn(func(own(t.fields), self(t.fields)), a -> add(fields(a[0]).copy())));
        shared.incomingRequest(b);
        shared.incomingResponse(b);
        shared.incomingBody(b);
        shared.outgoingBodyWrite(b);
        shared.subscribes(b);
        ValType optString = new OptionType(Primitive.STRING);
        b.function("[constructor]outgoing-request", fn(func(own(t.outgoingRequest), param("method", t.method),
                param("path-with-query", optString), param("scheme", new OptionType(t.scheme)), param("authority", optString),
                param("headers", borrow(t.fields))), a -> {
                    OutgoingRequest request = new OutgoingRequest(fields(a[4]).copy());
                    Optional<?> scheme = (Optional<?>) a[2];
                    boolean https = scheme.map(v -> ((VariantValue) v).label().equals("HTTPS")).orElse(true);
                    Optional<?> authority = ((Optional<?>) a[3]).isPresent() ? (Optional<?>) a[3] : Optional.of(https ? ":443" : ":80");
                    if (!request.setMethod((VariantValue) a[0]) || !request.setPathWithQuery((Optional<?>) a[1])
                            || !request.setScheme(scheme) || !request.setAuthority(authority)) {
                        throw new TrapException("wasi:http [constructor]outgoing-request: invalid method, path, scheme or authority");
                    }
                    return add(request);
                }));
        b.function("[method]outgoing-request.write", fn(func(ownOrNothing(t.outgoingBody), self(t.outgoingRequest)),
                a -> okOrNothing(outgoingRequest(a[0]).body().map(TypesInterface::add))));
        shared.outparamSet(b, error);
        b.function("[constructor]outgoing-response", fn(func(own(t.outgoingResponse), param("status-code", Primitive.U16),
                param("headers", borrow(t.fields))), a -> {
                    OutgoingResponse response = new OutgoingResponse(fields(a[1]).copy());
                    if (!response.setStatus((Integer) a[0])) {
                        throw new TrapException("wasi:http [constructor]outgoing-response: invalid status code " + a[0]);
                    }
                    return add(response);
                }));
        b.function("[method]outgoing-response.write", fn(func(ownOrNothing(t.outgoingBody), self(t.outgoingResponse)),
                a -> okOrNothing(outgoingResponse(a[0]).body().map(TypesInterface::add))));
        b.function("[static]outgoing-body.finish", fn(func(null, param("this", own(t.outgoingBody)),
                param("trailers", new OptionType(own(t.fields)))), a -> {
                    OutgoingBody body = take(a[0], OutgoingBody.class);
                    List<Header> trailers = ((Optional<?>) a[1]).map(rep -> take(rep, Fields.class).headers()).orElse(List.of());
                    if (body.finish(trailers) instanceof ResultValue.Err err) {
                        throw new TrapException("wasi:http outgoing-body.finish: " + ErrorCodes.describe(err.value()));
                    }
                    return null;
                }));
        b.function("[method]future-trailers.get", fn(func(new OptionType(new ResultType(own(t.fields), error)), self(t.futureTrailers)),
                a -> get(a[0], FutureTrailers.class).get().map(outer -> {
                    if (!(outer instanceof ResultValue.Ok ok)) {
                        throw new TrapException("wasi:http future-trailers.get: the trailers have already been taken");
                    }
                    if (ok.value() instanceof ResultValue.Err err) {
                        return ResultValue.err(ErrorCodes.as20231018(err.value()));
                    }
                    Fields trailers = (Fields) ((ResultValue) ok.value()).value();
                    return ResultValue.ok(add(trailers == null ? Fields.empty() : trailers));
                })));
        b.function("[method]future-incoming-response.get", fn(func(new OptionType(new ResultType(new ResultType(
                own(t.incomingResponse), error), null)), self(t.futureIncomingResponse)),
                a -> get(a[0], FutureIncomingResponse.class).get().map(outer -> {
                    if (outer instanceof ResultValue.Ok ok && ok.value() instanceof ResultValue.Err err) {
                        return ResultValue.ok(ResultValue.err(ErrorCodes.as20231018(err.value())));
                    }
                    return handOut(outer, TypesInterface::add);
                })));
        return b.build();
    }
}
