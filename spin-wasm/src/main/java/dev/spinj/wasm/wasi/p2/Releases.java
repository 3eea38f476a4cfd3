package dev.spinj.wasm.wasi.p2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Closing what an instance left open: every resource is closed even when one fails, and the
 * first failure is reported with the others suppressed in it.
 */
final class Releases {
    private Releases() {}

    static void closeAll(List<? extends AutoCloseable> resources) throws IOException {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException first = failures.get(0) instanceof IOException io ? io : new IOException(failures.get(0));
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
