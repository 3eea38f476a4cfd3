package dev.spinj.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A deadline interrupts runaway guest code, and only the work it was set for. */
@Timeout(30)
class DeadlinesTest {

    @Test
    void infiniteLoopIsInterruptedAtTheDeadline() {
        var module = Parser.parse(Wat2Wasm.parse("(module (func (export \"spin\") (loop (br 0))))"));
        Instance instance = Instance.builder(module).withMachineFactory(MachineFactoryCompiler.compile(module)).build();
        try (Deadlines deadlines = new Deadlines(Duration.ofMillis(200))) {
            assertThrows(DeadlineExceededException.class, () -> deadlines.run(() -> instance.export("spin").apply()));
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void workFinishingInTimeIsUntouchedAndLeavesNoInterrupt() {
        try (Deadlines deadlines = new Deadlines(Duration.ofSeconds(10))) {
            assertEquals("done", deadlines.run(() -> "done"));
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void zeroTimeoutMeansNoLimit() {
        try (Deadlines deadlines = new Deadlines(Duration.ZERO)) {
            assertEquals(42, deadlines.run(() -> 42));
        }
    }

    @Test
    void remainingTimeIsVisibleToTheWorkAndGoneAfterIt() {
        try (Deadlines deadlines = new Deadlines(Duration.ofSeconds(10))) {
            Duration left = deadlines.run(() -> Deadlines.remaining().orElseThrow());
            assertTrue(left.compareTo(Duration.ofSeconds(10)) <= 0 && left.compareTo(Duration.ofSeconds(5)) > 0, left::toString);
        }
        assertTrue(Deadlines.remaining().isEmpty());
    }

    @Test
    void nestedWorkKeepsTheEarlierOuterDeadline() {
        try (Deadlines outer = new Deadlines(Duration.ofSeconds(2)); Deadlines inner = new Deadlines(Duration.ofSeconds(60))) {
            Duration left = outer.run(() -> inner.run(() -> Deadlines.remaining().orElseThrow()));
            assertTrue(left.compareTo(Duration.ofSeconds(2)) <= 0, left::toString);
        }
    }

    @Test
    void outerDeadlineFiringDuringNestedWorkStillStopsTheOuterWork() {
        AtomicBoolean interruptedAfterNestedWork = new AtomicBoolean();
        try (Deadlines outer = new Deadlines(Duration.ofMillis(300)); Deadlines inner = new Deadlines(Duration.ofSeconds(60))) {
            assertThrows(DeadlineExceededException.class, () -> outer.run(() -> {
                // The nested work (a request to the app itself) is interrupted by the outer deadline.
                assertThrows(DeadlineExceededException.class, () -> inner.run(() -> {
                    try {
                        Thread.sleep(20_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
                interruptedAfterNestedWork.set(Thread.currentThread().isInterrupted());
                return null;
            }));
        }
        assertTrue(interruptedAfterNestedWork.get(), "the outer work lost the interrupt of its own deadline");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void remainingAtMostIsTheCapWithoutADeadlineAndTheTimeLeftUnderIt() {
        assertEquals(Duration.ofSeconds(30), Deadlines.remainingAtMost(Duration.ofSeconds(30)));
        try (Deadlines deadlines = new Deadlines(Duration.ofSeconds(60))) {
            assertEquals(Duration.ofSeconds(5), deadlines.run(() -> Deadlines.remainingAtMost(Duration.ofSeconds(5))));
            Duration left = deadlines.run(() -> Deadlines.remainingAtMost(Duration.ofMinutes(10)));
            assertTrue(left.compareTo(Duration.ofSeconds(60)) <= 0 && left.compareTo(Duration.ofSeconds(30)) > 0, left::toString);
        }
    }
}
