package dev.spinj.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints an error the way Spin (anyhow) does: {@code Error: <msg>}, then the chain under
 * {@code Caused by:} (one cause indented six spaces, several numbered), and picks the exit code: 1,
 * or a failed build command's own.
 */
final class ErrorReporter {
    private ErrorReporter() {}

    static int report(Throwable error, PrintStream err) {
        err.println("Error: " + message(error));
        List<String> causes = new ArrayList<>();
        for (Throwable c = error.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String m = message(c);
            if (causes.isEmpty() ? !m.equals(message(error)) : !m.equals(causes.get(causes.size() - 1))) {
                causes.add(m);
            }
        }
        if (causes.size() == 1) {
            err.println();
            err.println("Caused by:");
            err.println("      " + causes.get(0));
        } else if (causes.size() > 1) {
            err.println();
            err.println("Caused by:");
            for (int i = 0; i < causes.size(); i++) {
                err.println("   " + i + ": " + causes.get(i));
            }
        }
        err.flush();
        return error instanceof ComponentBuildException failed ? failed.exitCode() : 1;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
