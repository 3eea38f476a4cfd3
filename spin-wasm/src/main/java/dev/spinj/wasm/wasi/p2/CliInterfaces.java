package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wit.Wit.func;
import static dev.spinj.wasm.wit.Wit.param;

import com.dylibso.chicory.wasi.WasiExitException;
import dev.spinj.cm.abi.ResultValue;
import dev.spinj.cm.runtime.ComponentFunction;
import dev.spinj.cm.runtime.HostInstance;
import dev.spinj.cm.runtime.Linker;
import dev.spinj.cm.types.ListType;
import dev.spinj.cm.types.OptionType;
import dev.spinj.cm.types.OwnType;
import dev.spinj.cm.types.Primitive;
import dev.spinj.cm.types.ResourceType;
import dev.spinj.cm.types.ResultType;
import dev.spinj.cm.types.TupleType;
import dev.spinj.wasm.WasiInvocation;
import dev.spinj.wasm.host.HostContext;
import dev.spinj.wasm.io.ByteArraySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wasi:cli} (the same at every {@link WasiVersion}) as Spin links it (SPEC2 §5): the
 * event's and the component's environment (the event's first, as preview1 does), the event's arguments, no initial cwd, the
 * event's stdin, stdout and stderr written through into the event's log sinks, {@code exit}
 * ending the guest call with code 0 or 1, and no terminals. Stdio is per instance: taken from the
 * calling instance's {@link HostContext}.
 */
final class CliInterfaces {
    private final WasiStreams io;
    private final Map<String, String> environment;
    private final Object stdioKey = new Object();

    /**
     * One instance's stdio. Every get-stdin handle reads the one stdin, so dropping a handle leaves
     * it for the others; a failed stdout stays failed for that instance only.
     */
    private record Stdio(ReadAhead stdin, OutputStreamSink stdout, OutputStreamSink stderr) {
        static Stdio of(WasiInvocation invocation) {
            return new Stdio(ReadAhead.of(new ByteArraySource(invocation.stdin())),
                    new OutputStreamSink(invocation.stdout()), new OutputStreamSink(invocation.stderr()));
        }
    }

    CliInterfaces(WasiStreams io, Map<String, String> environment) {
        this.io = io;
        this.environment = environment;
    }

    private Stdio stdio() {
        HostContext context = HostContext.current();
        return context.state(stdioKey, () -> Stdio.of(context.invocation()));
    }

    private List<List<String>> environment() {
        List<List<String>> pairs = new ArrayList<>();
        HostContext.current().invocation().env().forEach((k, v) -> pairs.add(List.of(k, v)));
        environment.forEach((k, v) -> pairs.add(List.of(k, v)));
        return pairs;
    }

    void addTo(Linker linker, WasiVersion version) {
        linker.instance(version.of("wasi:cli/environment"), HostInstance.builder()
                .function("get-environment", ComponentFunction.of(
                        func(new ListType(new TupleType(List.of(Primitive.STRING, Primitive.STRING)))), a -> environment()))
                .function("get-arguments", ComponentFunction.of(func(new ListType(Primitive.STRING)), a -> HostContext.current().invocation().args()))
                .function("initial-cwd", ComponentFunction.of(func(new OptionType(Primitive.STRING)), a -> Optional.empty()))
                .build());
        linker.instance(version.of("wasi:cli/exit"), HostInstance.builder()
                .function("exit", ComponentFunction.of(func(null, param("status", new ResultType(null, null))), a -> {
                    throw new WasiExitException(a[0] instanceof ResultValue.Ok ? 0 : 1);
                }))
                .build());
        linker.instance(version.of("wasi:cli/stdin"), io.withInputStream(HostInstance.builder())
                .function("get-stdin", ComponentFunction.of(func(new OwnType(io.inputStream())),
                        a -> io.newInputStream("stdin", stdio().stdin(), () -> {})))
                .build());
        linker.instance(version.of("wasi:cli/stdout"), io.withOutputStream(HostInstance.builder())
                .function("get-stdout", ComponentFunction.of(func(new OwnType(io.outputStream())), a -> io.newOutputStream("stdout", stdio().stdout())))
                .build());
        linker.instance(version.of("wasi:cli/stderr"), io.withOutputStream(HostInstance.builder())
                .function("get-stderr", ComponentFunction.of(func(new OwnType(io.outputStream())), a -> io.newOutputStream("stderr", stdio().stderr())))
                .build());
        addTerminals(linker, version);
    }

    /** Stdio is never a terminal here (wasmtime gives Spin pipes), so every get-terminal-* is none. */
    private static void addTerminals(Linker linker, WasiVersion version) {
        ResourceType input = ResourceType.defined("terminal-input", ResourceType.NO_DESTRUCTOR);
        ResourceType output = ResourceType.defined("terminal-output", ResourceType.NO_DESTRUCTOR);
        linker.instance(version.of("wasi:cli/terminal-input"), HostInstance.builder().resource("terminal-input", input, (t, rep) -> {}).build());
        linker.instance(version.of("wasi:cli/terminal-output"), HostInstance.builder().resource("terminal-output", output, (t, rep) -> {}).build());
        linker.instance(version.of("wasi:cli/terminal-stdin"), HostInstance.builder().resource("terminal-input", input, (t, rep) -> {})
                .function("get-terminal-stdin", ComponentFunction.of(func(new OptionType(new OwnType(input))), a -> Optional.empty()))
                .build());
        for (String stream : List.of("stdout", "stderr")) {
            linker.instance(version.of("wasi:cli/terminal-" + stream), HostInstance.builder().resource("terminal-output", output, (t, rep) -> {})
                    .function("get-terminal-" + stream, ComponentFunction.of(func(new OptionType(new OwnType(output))), a -> Optional.empty()))
                    .build());
        }
    }
}
