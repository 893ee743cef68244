package casetrack.command.store;

import casetrack.shared.store.NamedConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import casetrack.shared.event.AppendNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells the readers of the event store that events were appended, after the appending transaction
 * committed: one {@code NOTIFY} on {@link AppendNotices#CHANNEL}, sent on a connection of its own,
 * for however many appends committed since the last one. The appends themselves do not notify
 * (their sessions set {@link AppendNotices#WRITER_NOTIFIES}): a NOTIFY inside a transaction holds a
 * database-wide lock from its commit until the commit is flushed, so notifying appends commit one
 * after the other and cannot share a WAL flush. A notice lost to a crash between commit and notify
 * is covered by the readers' fallback poll (query side, one second).
 */
@Component
public class AppendNotifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AppendNotifier.class);
    /** This connection's {@code application_name}. */
    public static final String APPLICATION_NAME = "casetrack-append-notifier";

    private final DataSourceProperties dataSource;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean running;
    private volatile Thread thread;

    private final long minIntervalNanos;

    /**
     * {@code minIntervalMillis}: after a notice, the next waits at least this long, so that the
     * appends committed meanwhile share it (the first commit after a quiet spell is told at once).
     */
    public AppendNotifier(DataSourceProperties dataSource,
                          @Value("${casetrack.append-notice-min-interval-millis:5}") long minIntervalMillis) {
        this.dataSource = dataSource;
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, minIntervalMillis));
    }

    /** Appends have committed: the readers are told soon, together with any others committed meanwhile. */
    public void appendCommitted() {
        if (pending.getAndSet(true)) {
            return; // already due: the notifier is awake or will be
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** How many notices this node has sent (for tests). */
    public long noticesSent() {
        return sent.get();
    }

    @Override
    public synchronized void start() {
        running = true;
        Thread t = new Thread(this::run, "append-notifier");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Connection connection = null;
        long backoffMillis = 100;
        while (running) {
            if (!pending.getAndSet(false)) {
                LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            try {
                if (connection == null || connection.isClosed()) {
                    connection = DriverManager.getConnection(dataSource.determineUrl(),
                            NamedConnection.properties(dataSource.determineUsername(), dataSource.determinePassword(), APPLICATION_NAME));
                }
                try (Statement notify = connection.createStatement()) {
                    notify.execute("SELECT pg_notify('" + AppendNotices.CHANNEL + "', '')");
                }
                sent.incrementAndGet();
                backoffMillis = 100;
                // at most one notice per interval: at hundreds of commits a second each had been a round
                // trip and a wake-up of its own on the cores the appends need (readers gather 20 ms anyway)
                TimeUnit.NANOSECONDS.sleep(minIntervalNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException e) {
                // not lost: tried again once the database answers (meanwhile the readers poll)
                pending.set(true);
                close(connection);
                connection = null;
                if (running) {
                    log.warn("could not notify the readers of appended events ({}); trying again in {} ms", e.getMessage(), backoffMillis);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                    backoffMillis = Math.min(backoffMillis * 2, 5_000);
                }
            }
        }
        close(connection);
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
