package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Executors belong to triggers, not components (issue 9, item 15): in {@code apps/dual-executor}
 * one component serves {@code /spin} with the Spin executor and {@code /wagi} with the WAGI one.
 */
@Timeout(60)
class ExecutorPerTriggerTest {

    @Test
    void oneComponentOnTwoTriggersRunsWithEachTriggersOwnExecutor() throws Exception {
        try (RunningApp app = RunningApp.start("dual-executor")) {
            var spin = app.get("/spin");
            assertEquals(200, spin.statusCode());
            assertEquals("spin executor", spin.body());
            var wagi = app.get("/wagi");
            assertEquals(200, wagi.statusCode());
            assertEquals("wagi executor", wagi.body());
        }
    }
}
