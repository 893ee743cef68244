package casetrack.query.store;

import casetrack.shared.store.NamedConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;

/**
 * LISTENs on {@value #CHANNEL}, which the event table's insert trigger notifies when an appending
 * transaction commits (migration V3 in shared-events), and wakes the projections' event source.
 * Uses a connection of its own, outside the pool (which it would otherwise hold forever); after a
 * lost connection it reconnects with a growing pause and wakes the source once, since appends
 * made while it was not listening sent it nothing.
 */
public class EventAppendListener implements SmartLifecycle {

    /** The channel of migration V3's trigger. */
    public static final String CHANNEL = casetrack.shared.event.AppendNotices.CHANNEL;
    /** How this connection shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "casetrack-event-listener";

    private static final Logger log = LoggerFactory.getLogger(EventAppendListener.class);
    private static final int WAIT_MILLIS = 1000;
    private static final long CHECK_SILENT_CONNECTION_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LAST_RETRY_MILLIS = 5000;

    private final DataSourceProperties dataSource;
    private final Runnable eventsAppended;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public EventAppendListener(DataSourceProperties dataSource, Runnable eventsAppended) {
        this.dataSource = dataSource;
        this.eventsAppended = eventsAppended;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "event-append-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether a LISTEN connection is up (false while reconnecting). */
    public boolean isListening() {
        return listening;
    }

    private void listen() {
        long retryMillis = FIRST_RETRY_MILLIS;
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                retryMillis = FIRST_RETRY_MILLIS;
                log.info("listening for appended events on {}", CHANNEL);
                eventsAppended.run();
                PGConnection pg = connection.unwrap(PGConnection.class);
                long lastHeard = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        eventsAppended.run();
                        lastHeard = System.nanoTime();
                    } else if (System.nanoTime() - lastHeard > CHECK_SILENT_CONNECTION_NANOS) {
                        // a half-open connection stays silent without failing: ask it something
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SELECT 1");
                        }
                        lastHeard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    log.warn("event append listener lost its connection ({}); reconnecting in {} ms "
                            + "(meanwhile the projections poll the event table)", e.getMessage(), retryMillis);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(retryMillis));
                    retryMillis = Math.min(retryMillis * 2, LAST_RETRY_MILLIS);
                }
            }
        }
        listening = false;
    }

    private Connection connect() throws SQLException {
        Properties properties = NamedConnection.properties(dataSource.determineUsername(), dataSource.determinePassword(),
                APPLICATION_NAME);
        properties.setProperty("connectTimeout", String.valueOf(Duration.ofSeconds(10).toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(dataSource.determineUrl(), properties);
    }
}
