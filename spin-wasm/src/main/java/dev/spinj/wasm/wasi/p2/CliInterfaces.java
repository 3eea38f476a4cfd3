package dev.spinj.wasm.wasi.p2;

import static dev.spinj.wasm.wasi.p2.Signatures.func;
import static dev.spinj.wasm.wasi.p2.Signatures.param;

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
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wasi:cli} at 0.2.0 as Spin links it (SPEC2 §5): the component's environment and
 * arguments, no initial cwd, an empty stdin, stdout and stderr into the component's log sinks,
 * {@code exit} ending the guest call with code 0 or 1, and no terminals.
 */
final class CliInterfaces {
    private final IoInterfaces io;
    private final List<List<String>> environment;
    private final List<String> arguments;
    private final OutputSink stdout;
    private final OutputSink stderr;

    CliInterfaces(IoInterfaces io, Map<String, String> environment, List<String> arguments, OutputStream stdout, OutputStream stderr) {
        this.io = io;
        this.environment = environment.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
        this.arguments = List.copyOf(arguments);
        this.stdout = new OutputSink("stdout", stdout);
        this.stderr = new OutputSink("stderr", stderr);
    }

    void addTo(Linker linker) {
        linker.instance("wasi:cli/environment@0.2.0", HostInstance.builder()
                .function("get-environment", ComponentFunction.of(
                        func(new ListType(new TupleType(List.of(Primitive.STRING, Primitive.STRING)))), a -> environment))
                .function("get-arguments", ComponentFunction.of(func(new ListType(Primitive.STRING)), a -> arguments))
                .function("initial-cwd", ComponentFunction.of(func(new OptionType(Primitive.STRING)), a -> Optional.empty()))
                .build());
        linker.instance("wasi:cli/exit@0.2.0", HostInstance.builder()
                .function("exit", ComponentFunction.of(func(null, param("status", new ResultType(null, null))), a -> {
                    throw new WasiExitException(a[0] instanceof ResultValue.Ok ? 0 : 1);
                }))
                .build());
        linker.instance("wasi:cli/stdin@0.2.0", io.withInputStream(HostInstance.builder())
                .function("get-stdin", ComponentFunction.of(func(new OwnType(io.inputStream)), a -> io.emptyInputStream("stdin")))
                .build());
        linker.instance("wasi:cli/stdout@0.2.0", io.withOutputStream(HostInstance.builder())
                .function("get-stdout", ComponentFunction.of(func(new OwnType(io.outputStream)), a -> io.outputStream(stdout)))
                .build());
        linker.instance("wasi:cli/stderr@0.2.0", io.withOutputStream(HostInstance.builder())
                .function("get-stderr", ComponentFunction.of(func(new OwnType(io.outputStream)), a -> io.outputStream(stderr)))
                .build());
        addTerminals(linker);
    }

    /** Stdio is never a terminal here (wasmtime gives Spin pipes), so every get-terminal-* is none. */
    private static void addTerminals(Linker linker) {
        ResourceType input = ResourceType.defined("terminal-input", ResourceType.NO_DESTRUCTOR);
        ResourceType output = ResourceType.defined("terminal-output", ResourceType.NO_DESTRUCTOR);
        linker.instance("wasi:cli/terminal-input@0.2.0", HostInstance.builder().resource("terminal-input", input, (t, rep) -> {}).build());
        linker.instance("wasi:cli/terminal-output@0.2.0", HostInstance.builder().resource("terminal-output", output, (t, rep) -> {}).build());
        linker.instance("wasi:cli/terminal-stdin@0.2.0", HostInstance.builder().resource("terminal-input", input, (t, rep) -> {})
                .function("get-terminal-stdin", ComponentFunction.of(func(new OptionType(new OwnType(input))), a -> Optional.empty()))
                .build());
        for (String stream : List.of("stdout", "stderr")) {
            linker.instance("wasi:cli/terminal-" + stream + "@0.2.0", HostInstance.builder().resource("terminal-output", output, (t, rep) -> {})
                    .function("get-terminal-" + stream, ComponentFunction.of(func(new OptionType(new OwnType(output))), a -> Optional.empty()))
                    .build());
        }
    }
}
