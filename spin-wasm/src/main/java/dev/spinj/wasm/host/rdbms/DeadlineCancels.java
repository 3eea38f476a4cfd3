package dev.spinj.wasm.host.rdbms;

import dev.spinj.wasm.Deadlines;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a running statement when the request's deadline ({@link Deadlines#remaining()}) passes.
 * The deadline's interrupt does not reach a thread blocked reading a JDBC socket, and
 * {@code setQueryTimeout} counts whole seconds; {@link Statement#cancel()} asks the server to stop
 * the query (PostgreSQL's cancel request, MariaDB's {@code KILL QUERY}) at the very moment.
 */
final class DeadlineCancels implements AutoCloseable {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "spin-jdbc-cancels");
        t.setDaemon(true);
        return t;
    });

    DeadlineCancels() {
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Arms a cancel of {@code statement} at this thread's deadline; the returned watch must be finished. */
    Watch arm(Statement statement) {
        Watch watch = new Watch(statement);
        Deadlines.remaining().ifPresent(left -> watch.alarm = timer.schedule(watch::fire, left.toNanos(), TimeUnit.NANOSECONDS));
        return watch;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One armed statement: cancelled at most once, and never after it finished. */
    static final class Watch {
        private final Statement statement;
        private volatile ScheduledFuture<?> alarm;
        private boolean done;
        private boolean fired;

        private Watch(Statement statement) {
            this.statement = statement;
        }

        private synchronized void fire() {
            if (done) {
                return;
            }
            fired = true;
            try {
                statement.cancel();
            } catch (SQLException e) {
                // The query ended by itself meanwhile; the connection is dropped all the same.
            }
        }

        /** Disarms; true when the cancel was sent, so the connection must not be used again. */
        synchronized boolean finish() {
            done = true;
            if (alarm != null) {
                alarm.cancel(false);
            }
            return fired;
        }
    }
}
