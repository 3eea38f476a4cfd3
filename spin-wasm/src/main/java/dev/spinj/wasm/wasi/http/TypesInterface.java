package dev.spinj.wasm.wasi.http;

import static dev.spinj.wasm.wit.Wit.borrow;
import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.own;
import static dev.spinj.wasm.wasi.http.HttpWitTypes.ownOrNothing;
import static dev.spinj.wasm.wit.Wit.param;
import static dev.spinj.wasm.wit.Wit.self;

import com.dylibso.chicory.runtime.TrapException;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.abi.VariantValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.types.FuncType;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.ValType;
import dev.spinj.wasm.http.Header;
import dev.spinj.wasm.wasi.p2.Pollable;
import dev.spinj.wasm.wasi.p2.WasiStreams;
import dev.spinj.wasm.wasi.p2.WasiVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code wasi:http/types@0.2.0} (serving every 0.2.x) and its {@code 0.2.0-rc-2023-11-10}
 * predecessor: fields, requests, responses, bodies and futures over the calling instance's
 * {@link HttpResources}; bodies and futures reach the guest as wasi:io streams and pollables of
 * the shared {@link WasiStreams}. The 2023-11-10 candidate differs in two places: the request
 * options' accessors end in {@code -ms} (the values are still nanoseconds, as Spin's shim passes
 * them on), and {@code future-trailers.get} has no layer for "already taken" (taking twice traps).
 * The 2023-10-18 candidate differs more: {@link TypesInterface20231018} builds it from the shared parts here.
 */
final class TypesInterface {
    private final HttpWitTypes t;
    private final WasiStreams streams;
    private final boolean rc20231110;

    /** @param version {@link WasiVersion#V0_2_0} or {@link WasiVersion#RC_2023_11_10} */
    TypesInterface(HttpWitTypes types, WasiStreams streams, WasiVersion version) {
        this.t = types;
        this.streams = streams;
        this.rc20231110 = version == WasiVersion.RC_2023_11_10;
    }

    HostInstance build() {
        // The wasi:io resources this interface `use`s, with wasi:io's own destructors. The types
        // call wasi:io's error `io-error`; declaring that name first lets withError supply the destructor.
        HostInstance.Builder b = streams.withError(streams.withPollable(streams.withOutputStream(streams.withInputStream(
                HostInstance.builder().resource("io-error", t.ioError, null)))));
        hostResources(b);
        fields(b);
        incomingRequest(b);
        outgoingRequest(b);
        requestOptions(b);
        responses(b);
        incomingResponse(b);
        incomingBody(b);
        outgoingBodyWrite(b);
        outgoingBodyFinish(b);
        subscribes(b);
        futures(b);
        b.function("http-error-code", fn(func(new OptionType(t.errorCode), param("err", borrow(t.ioError))),
                // a body's own failures carry their code; any other I/O error is not an HTTP one
                a -> streams.errorCause(a[0]) instanceof ErrorCodeException e ? Optional.of(e.code()) : Optional.empty()));
        return b.build();
    }

    /** This interface's own resources, and {@code headers} and {@code trailers}, the fields resource by two more names. */
    void hostResources(HostInstance.Builder b) {
        for (ResourceType r : List.of(t.fields, t.incomingRequest, t.outgoingRequest, t.requestOptions, t.responseOutparam,
                t.incomingResponse, t.incomingBody, t.futureTrailers, t.outgoingResponse, t.outgoingBody,
                t.futureIncomingResponse)) {
            b.resource(r.name(), r, (type, rep) -> HttpResources.current().drop(rep));
        }
        b.resource("headers", t.fields, (type, rep) -> HttpResources.current().drop(rep));
        b.resource("trailers", t.fields, (type, rep) -> HttpResources.current().drop(rep));
    }

    private void fields(HostInstance.Builder b) {
        ValType headerResult = new ResultType(null, t.headerError);
        ValType bytes = new ListType(Primitive.U8);
        b.function("[constructor]fields", fn(func(own(t.fields)), a -> add(Fields.empty())));
        b.function("[static]fields.from-list", fn(func(new ResultType(own(t.fields), t.headerError),
                param("entries", new ListType(t.fieldEntry))), a -> {
                    Fields fields = Fields.empty();
                    for (Object entry : (List<?>) a[0]) {
                        List<?> pair = (List<?>) entry;
                        try {
                            fields.append((String) pair.get(0), (byte[]) pair.get(1));
                        } catch (Fields.HeaderRejected e) {
                            return ResultValue.err(VariantValue.of(e.label()));
                        }
                    }
                    return ResultValue.ok(add(fields));
                }));
        b.function("[method]fields.get", fn(func(new ListType(bytes), self(t.fields), param("name", Primitive.STRING)),
                a -> fields(a[0]).get((String) a[1])));
        b.function("[method]fields.has", fn(func(Primitive.BOOL, self(t.fields), param("name", Primitive.STRING)),
                a -> fields(a[0]).has((String) a[1])));
        b.function("[method]fields.set", fn(func(headerResult, self(t.fields), param("name", Primitive.STRING),
                param("value", new ListType(bytes))), a -> headerChange(() -> {
                    @SuppressWarnings("unchecked")
                    List<byte[]> values = (List<byte[]>) a[2];
                    fields(a[0]).set((String) a[1], values);
                })));
        b.function("[method]fields.delete", fn(func(headerResult, self(t.fields), param("name", Primitive.STRING)),
                a -> headerChange(() -> fields(a[0]).delete((String) a[1]))));
        b.function("[method]fields.append", fn(func(headerResult, self(t.fields), param("name", Primitive.STRING),
                param("value", bytes)), a -> headerChange(() -> fields(a[0]).append((String) a[1], (byte[]) a[2]))));
        b.function("[method]fields.entries", fn(func(new ListType(t.fieldEntry), self(t.fields)), a -> fields(a[0]).entries()));
        b.function("[method]fields.clone", fn(func(own(t.fields), self(t.fields)), a -> add(fields(a[0]).copy())));
    }

    void incomingRequest(HostInstance.Builder b) {
        ResourceType r = t.incomingRequest;
        b.function("[method]incoming-request.method", fn(func(t.method, self(r)), a -> incomingRequest(a[0]).method()));
        b.function("[method]incoming-request.path-with-query", fn(func(new OptionType(Primitive.STRING), self(r)),
                a -> Optional.of(incomingRequest(a[0]).pathWithQuery())));
        b.function("[method]incoming-request.scheme", fn(func(new OptionType(t.scheme), self(r)),
                // Spin hands p2 guests HTTP even on a TLS listener (SPEC2 §3.2).
                a -> Optional.of(VariantValue.of("HTTP"))));
        b.function("[method]incoming-request.authority", fn(func(new OptionType(Primitive.STRING), self(r)),
                a -> Optional.of(incomingRequest(a[0]).authority())));
        b.function("[method]incoming-request.headers", fn(func(own(t.fields), self(r)),
                a -> add(incomingRequest(a[0]).message().headers().frozenCopy())));
        b.function("[method]incoming-request.consume", fn(func(ownOrNothing(t.incomingBody), self(r)),
                a -> okOrNothing(incomingRequest(a[0]).message().consume().map(TypesInterface::add))));
    }

    private void outgoingRequest(HostInstance.Builder b) {
        ResourceType r = t.outgoingRequest;
        ValType optString = new OptionType(Primitive.STRING);
        b.function("[constructor]outgoing-request", fn(func(own(r), param("headers", own(t.fields))),
                a -> add(new OutgoingRequest(take(a[0], Fields.class)))));
        b.function("[method]outgoing-request.body", fn(func(ownOrNothing(t.outgoingBody), self(r)),
                a -> okOrNothing(outgoingRequest(a[0]).body().map(TypesInterface::add))));
        b.function("[method]outgoing-request.method", fn(func(t.method, self(r)), a -> outgoingRequest(a[0]).method()));
        b.function("[method]outgoing-request.set-method", fn(func(t.unitResult, self(r), param("method", t.method)),
                a -> unit(outgoingRequest(a[0]).setMethod((VariantValue) a[1]))));
        b.function("[method]outgoing-request.path-with-query", fn(func(optString, self(r)),
                a -> outgoingRequest(a[0]).pathWithQuery()));
        b.function("[method]outgoing-request.set-path-with-query", fn(func(t.unitResult, self(r), param("path-with-query", optString)),
                a -> unit(outgoingRequest(a[0]).setPathWithQuery((Optional<?>) a[1]))));
        b.function("[method]outgoing-request.scheme", fn(func(new OptionType(t.scheme), self(r)), a -> outgoingRequest(a[0]).scheme()));
        b.function("[method]outgoing-request.set-scheme", fn(func(t.unitResult, self(r), param("scheme", new OptionType(t.scheme))),
                a -> unit(outgoingRequest(a[0]).setScheme((Optional<?>) a[1]))));
        b.function("[method]outgoing-request.authority", fn(func(optString, self(r)), a -> outgoingRequest(a[0]).authority()));
        b.function("[method]outgoing-request.set-authority", fn(func(t.unitResult, self(r), param("authority", optString)),
                a -> unit(outgoingRequest(a[0]).setAuthority((Optional<?>) a[1]))));
        b.function("[method]outgoing-request.headers", fn(func(own(t.fields), self(r)),
                a -> add(outgoingRequest(a[0]).headers().frozenCopy())));
    }

    private void requestOptions(HostInstance.Builder b) {
        ResourceType r = t.requestOptions;
        ValType optDuration = new OptionType(t.duration);
        b.function("[constructor]request-options", fn(func(own(r)), a -> add(new RequestOptions())));
        for (String which : List.of("connect", "first-byte", "between-bytes")) {
            Function<RequestOptions, Optional<Long>> getter = o -> switch (which) {
                case "connect" -> o.connectTimeout;
                case "first-byte" -> o.firstByteTimeout;
                default -> o.betweenBytesTimeout;
            };
            String name = which + (rc20231110 ? "-timeout-ms" : "-timeout");
            b.function("[method]request-options." + name, fn(func(optDuration, self(r)),
                    a -> getter.apply(get(a[0], RequestOptions.class))));
            b.function("[method]request-options.set-" + name, fn(func(t.unitResult, self(r), param("duration", optDuration)),
                    a -> {
                        RequestOptions o = get(a[0], RequestOptions.class);
                        @SuppressWarnings("unchecked")
                        Optional<Long> nanos = (Optional<Long>) a[1];
                        switch (which) {
                            case "connect" -> o.connectTimeout = nanos;
                            case "first-byte" -> o.firstByteTimeout = nanos;
                            default -> o.betweenBytesTimeout = nanos;
                        }
                        return ResultValue.ok(null);
                    }));
        }
    }

    /** {@code response-outparam.set}, its error being {@code error} (the version's error type). */
    void outparamSet(HostInstance.Builder b, ValType error) {
        b.function("[static]response-outparam.set", fn(func(null, param("param", own(t.responseOutparam)),
                param("response", new ResultType(own(t.outgoingResponse), error))), a -> {
                    ResponseOutparam out = take(a[0], ResponseOutparam.class);
                    if (a[1] instanceof ResultValue.Ok ok) {
                        out.respond(take(ok.value(), OutgoingResponse.class));
                    } else {
                        out.fail(((ResultValue) a[1]).value());
                    }
                    return null;
                }));
    }

    private void responses(HostInstance.Builder b) {
        outparamSet(b, t.errorCode);
        ResourceType r = t.outgoingResponse;
        b.function("[constructor]outgoing-response", fn(func(own(r), param("headers", own(t.fields))),
                a -> add(new OutgoingResponse(take(a[0], Fields.class)))));
        b.function("[method]outgoing-response.status-code", fn(func(Primitive.U16, self(r)), a -> outgoingResponse(a[0]).status()));
        b.function("[method]outgoing-response.set-status-code", fn(func(t.unitResult, self(r), param("status-code", Primitive.U16)),
                a -> unit(outgoingResponse(a[0]).setStatus((Integer) a[1]))));
        b.function("[method]outgoing-response.headers", fn(func(own(t.fields), self(r)),
                a -> add(outgoingResponse(a[0]).headers().frozenCopy())));
        b.function("[method]outgoing-response.body", fn(func(ownOrNothing(t.outgoingBody), self(r)),
                a -> okOrNothing(outgoingResponse(a[0]).body().map(TypesInterface::add))));
    }

    void incomingResponse(HostInstance.Builder b) {
        ResourceType in = t.incomingResponse;
        b.function("[method]incoming-response.status", fn(func(Primitive.U16, self(in)), a -> get(a[0], IncomingResponse.class).status()));
        b.function("[method]incoming-response.headers", fn(func(own(t.fields), self(in)),
                a -> add(get(a[0], IncomingResponse.class).message().headers().frozenCopy())));
        b.function("[method]incoming-response.consume", fn(func(ownOrNothing(t.incomingBody), self(in)),
                a -> okOrNothing(get(a[0], IncomingResponse.class).message().consume().map(TypesInterface::add))));
    }

    void incomingBody(HostInstance.Builder b) {
        b.function("[method]incoming-body.stream", fn(func(ownOrNothing(t.inputStream), self(t.incomingBody)), a -> {
            IncomingBody body = get(a[0], IncomingBody.class);
            return okOrNothing(body.stream().map(view -> streams.newInputStream("incoming-body", view, view::discard)));
        }));
        b.function("[static]incoming-body.finish", fn(func(own(t.futureTrailers), param("this", own(t.incomingBody))),
                a -> add(take(a[0], IncomingBody.class).finish())));
    }

    void outgoingBodyWrite(HostInstance.Builder b) {
        b.function("[method]outgoing-body.write", fn(func(ownOrNothing(t.outputStream), self(t.outgoingBody)), a -> {
            OutgoingBody body = get(a[0], OutgoingBody.class);
            return okOrNothing(body.stream().map(view -> streams.newOutputStream("outgoing-body", view, view::abort)));
        }));
    }

    private void outgoingBodyFinish(HostInstance.Builder b) {
        b.function("[static]outgoing-body.finish", fn(func(new ResultType(null, t.errorCode), param("this", own(t.outgoingBody)),
                param("trailers", new OptionType(own(t.fields)))), a -> {
                    OutgoingBody body = take(a[0], OutgoingBody.class);
                    List<Header> trailers = ((Optional<?>) a[1]).map(rep -> take(rep, Fields.class).headers()).orElse(List.of());
                    return body.finish(trailers);
                }));
    }

    void subscribes(HostInstance.Builder b) {
        b.function("[method]future-trailers.subscribe", fn(func(own(t.pollable), self(t.futureTrailers)),
                a -> streams.newPollable(get(a[0], FutureTrailers.class))));
        b.function("[method]future-incoming-response.subscribe", fn(func(own(t.pollable), self(t.futureIncomingResponse)),
                a -> streams.newPollable(Pollable.completion(get(a[0], FutureIncomingResponse.class).outcome()))));
    }

    private void futures(HostInstance.Builder b) {
        ValType trailers = new ResultType(new OptionType(own(t.fields)), t.errorCode);
        Function<ResultValue, ResultValue> trailersToGuest = outer -> handOut(outer,
                (Fields fields) -> Optional.ofNullable(fields).map(TypesInterface::add));
        if (rc20231110) {
            b.function("[method]future-trailers.get", fn(func(new OptionType(trailers), self(t.futureTrailers)),
                    a -> get(a[0], FutureTrailers.class).get().map(outer -> {
                        if (!(trailersToGuest.apply(outer) instanceof ResultValue.Ok ok)) {
                            throw new TrapException("wasi:http future-trailers.get: the trailers have already been taken");
                        }
                        return ok.value();
                    })));
        } else {
            b.function("[method]future-trailers.get", fn(func(new OptionType(new ResultType(trailers, null)), self(t.futureTrailers)),
                    a -> get(a[0], FutureTrailers.class).get().map(trailersToGuest)));
        }
        ValType responseOutcome = new OptionType(new ResultType(new ResultType(own(t.incomingResponse), t.errorCode), null));
        b.function("[method]future-incoming-response.get", fn(func(responseOutcome, self(t.futureIncomingResponse)),
                a -> get(a[0], FutureIncomingResponse.class).get().map(outer -> handOut(outer, TypesInterface::add))));
    }

    /**
     * A future's {@code result<result<T, error-code>>} with the host object inside an inner
     * {@code ok} turned into what the guest receives ({@code toGuest}: a new handle's rep).
     */
    static <T> ResultValue handOut(ResultValue outer, Function<T, Object> toGuest) {
        if (outer instanceof ResultValue.Ok ok && ok.value() instanceof ResultValue.Ok inner) {
            @SuppressWarnings("unchecked")
            T value = (T) inner.value();
            return ResultValue.ok(ResultValue.ok(toGuest.apply(value)));
        }
        return outer;
    }

    static ComponentFunction fn(FuncType type, ComponentFunction.Body body) {
        return ComponentFunction.of(type, body);
    }

    static int add(Object resource) {
        return HttpResources.current().add(resource);
    }

    static <T> T get(Object rep, Class<T> type) {
        return HttpResources.current().get(rep, type);
    }

    static <T> T take(Object rep, Class<T> type) {
        return HttpResources.current().take(rep, type);
    }

    static Fields fields(Object rep) {
        return get(rep, Fields.class);
    }

    private static IncomingRequest incomingRequest(Object rep) {
        return get(rep, IncomingRequest.class);
    }

    static OutgoingRequest outgoingRequest(Object rep) {
        return get(rep, OutgoingRequest.class);
    }

    static OutgoingResponse outgoingResponse(Object rep) {
        return get(rep, OutgoingResponse.class);
    }

    private static ResultValue unit(boolean ok) {
        return ok ? ResultValue.ok(null) : ResultValue.err(null);
    }

    static ResultValue okOrNothing(Optional<Integer> rep) {
        return rep.<ResultValue>map(ResultValue::ok).orElseGet(() -> ResultValue.err(null));
    }

    /** A fields change: {@code ok} or the {@code header-error}. */
    private static ResultValue headerChange(FieldsChange change) {
        try {
            change.run();
            return ResultValue.ok(null);
        } catch (Fields.HeaderRejected e) {
            return ResultValue.err(VariantValue.of(e.label()));
        }
    }

    /** A fields change where the candidate has no header-error to answer with: a rejection traps. */
    static Object trapOnRejection(String function, FieldsChange change) {
        try {
            change.run();
            return null;
        } catch (Fields.HeaderRejected e) {
            throw new TrapException("wasi:http " + function + ": header-error " + e.label());
        }
    }

    @FunctionalInterface
    interface FieldsChange {
        void run() throws Fields.HeaderRejected;
    }
}
