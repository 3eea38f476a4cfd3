package dev.spinj.wasm;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The WASI view of one invocation: arguments, environment placed before the component's own
 * (WAGI's CGI variables), stdin and where stdout/stderr go. The component's environment and
 * file mounts are added by its WASI contexts ({@code dev.spinj.wasm.wasi.WasiContexts}).
 */
public record WasiInvocation(
        List<String> args, Map<String, String> env, byte[] stdin, OutputStream stdout, OutputStream stderr) {

    /** A Spin-executor invocation: no args, no extra env, empty stdin (SPEC 1.5). */
    public static WasiInvocation spin(OutputStream stdout, OutputStream stderr) {
        return new WasiInvocation(List.of(), Map.of(), new byte[0], stdout, stderr);
    }
}
