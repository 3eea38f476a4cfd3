package dev.spinj.trigger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spinj.trigger.http.FairQueue.Admission;
import org.junit.jupiter.api.Test;

/** The order and the bounds of the fair queue, step by step. */
class FairQueueTest {

    @Test
    void oneComponentNeverHoldsTheLastWorker() {
        var queue = new FairQueue<String>(4, 3, 100, Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
            assertEquals(Admission.START, queue.offer("hot", "hot" + i, 0));
        }
        assertEquals(Admission.QUEUED, queue.offer("hot", "hot3", 0));
        assertEquals(Admission.START, queue.offer("cold", "cold0", 0));
        assertEquals(Admission.QUEUED, queue.offer("cold", "cold1", 0));
        assertNull(queue.next(), "every worker is taken");
        queue.release("cold");
        assertEquals("cold1", queue.next(), "the hot component is at its cap, the cold one gets the worker");
    }

    @Test
    void componentsWithWaitingWorkTakeTurns() {
        var queue = new FairQueue<String>(1, 1, 100, Long.MAX_VALUE);
        assertEquals(Admission.START, queue.offer("a", "a0", 0));
        queue.offer("a", "a1", 0);
        queue.offer("a", "a2", 0);
        queue.offer("b", "b1", 0);
        queue.offer("c", "c1", 0);
        StringBuilder order = new StringBuilder();
        for (String finished = "a0"; finished != null; ) {
            queue.release(finished.substring(0, 1)); // the item's first letter is its component
            finished = queue.next();
            if (finished != null) {
                order.append(finished).append(' ');
            }
        }
        assertEquals("a1 b1 c1 a2 ", order.toString());
    }

    @Test
    void waitingBodiesAreBoundedAndGivenBackWhenTheyStartOrLeave() {
        var queue = new FairQueue<String>(1, 1, 100, 100);
        assertEquals(Admission.START, queue.offer("a", "running", 1000), "a request that starts at once holds no queue bytes");
        assertEquals(Admission.QUEUED, queue.offer("a", "w60", 60));
        assertEquals(Admission.QUEUED, queue.offer("b", "w40", 40));
        assertEquals(Admission.REFUSED, queue.offer("c", "w1", 1));
        assertTrue(queue.remove("b", "w40"));
        assertEquals(Admission.QUEUED, queue.offer("c", "w30", 30));
        queue.release("a");
        assertEquals("w60", queue.next());
        assertEquals(Admission.QUEUED, queue.offer("d", "w70", 70), "the started request gave its bytes back");
        assertEquals(Admission.REFUSED, queue.offer("d", "w1", 1));
    }

    @Test
    void theQueueIsBoundedByCount() {
        var queue = new FairQueue<String>(1, 1, 2, Long.MAX_VALUE);
        assertEquals(Admission.START, queue.offer("a", "a0", 0));
        assertEquals(Admission.QUEUED, queue.offer("a", "a1", 0));
        assertEquals(Admission.QUEUED, queue.offer("b", "b1", 0));
        assertEquals(Admission.REFUSED, queue.offer("c", "c1", 0));
        assertEquals(3, queue.pending());
    }
}
