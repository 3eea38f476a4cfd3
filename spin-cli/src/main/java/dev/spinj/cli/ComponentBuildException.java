package dev.spinj.cli;

/**
 * A component's build command failed; {@code spin build} exits with the command's own exit code,
 * the way a shell script running the same commands would.
 */
final class ComponentBuildException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    ComponentBuildException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
