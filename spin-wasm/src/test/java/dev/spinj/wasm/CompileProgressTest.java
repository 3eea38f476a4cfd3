package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompileProgressTest {
    private static final long HOUR = TimeUnit.HOURS.toMillis(1);

    @Test
    void aCompilationThatEndsBeforeTheQuietPeriodPrintsNothing() {
        List<String> lines = new CopyOnWriteArrayList<>();
        new CompileProgress("app.wasm", "3 functions", null, lines::add, HOUR, HOUR).close();
        assertEquals(List.of(), lines);
    }

    @Test
    void aLongCompilationNamesTheModuleAndTheCacheThenReportsItsTotal() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch announced = new CountDownLatch(1);
        try (var progress = new CompileProgress("app.wasm", "14,210 functions", "/cache", line -> {
            lines.add(line);
            announced.countDown();
        }, 0, HOUR)) {
            assertTrue(announced.await(30, TimeUnit.SECONDS));
        }
        assertEquals("Compiling app.wasm (14,210 functions) to JVM bytecode is taking a while; "
                + "the result is cached in /cache so the next start skips this", lines.get(0));
        assertTrue(lines.get(1).matches("Compiled app\\.wasm in \\d+\\.\\d s"), lines.get(1));
        assertEquals(2, lines.size());
    }

    @Test
    void withoutACacheItSaysEveryStartPays() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch announced = new CountDownLatch(1);
        try (var progress = new CompileProgress("app.wasm", "1 functions", null, line -> {
            lines.add(line);
            announced.countDown();
        }, 0, HOUR)) {
            assertTrue(announced.await(30, TimeUnit.SECONDS));
        }
        assertTrue(lines.get(0).endsWith("it is not cached (no compile cache), so every start pays this"), lines.get(0));
    }
}
