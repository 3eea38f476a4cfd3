package dev.spinj.wasm.wasi.p2;

import dev.spinj.cm.abi.RecordValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One instance's {@code wasi:filesystem} resources (kept in its {@code HostContext}): open
 * descriptors and directory listings. Closing it with the instance closes every file the guest
 * left open.
 */
final class FilesystemTables implements AutoCloseable {
    final ResourceTable<Descriptor> descriptors = new ResourceTable<>("descriptor");
    final ResourceTable<Iterator<RecordValue>> listings = new ResourceTable<>("directory-entry-stream");

    @Override
    public void close() throws IOException {
        listings.clear();
        List<IOException> failures = new ArrayList<>();
        for (Descriptor d : descriptors.clear()) {
            try {
                d.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
