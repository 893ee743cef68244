package casetrack.query.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import casetrack.shared.EventJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * LISTENs for committed case changes on a connection of its own (outside the pool, which it
 * would otherwise hold forever) and hands them to the hub; reconnects after a lost connection.
 */
@Component
public class CaseChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaseChangeListener.class);
    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final int POLL_MILLIS = 250;

    private final DataSourceProperties dataSource;
    private final CaseChangeHub hub;
    private volatile boolean running;
    private Thread thread;

    public CaseChangeListener(DataSourceProperties dataSource, CaseChangeHub hub) {
        this.dataSource = dataSource;
        this.hub = hub;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "case-change-listener");
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

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(dataSource.determineUrl(),
                    dataSource.determineUsername(), dataSource.determinePassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CaseChangeNotifier.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                hub.reconnected();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            hub.publish(JSON.readValue(n.getParameter(), CaseChange.class));
                        }
                    }
                }
            } catch (SQLException | java.io.IOException e) {
                if (running) {
                    log.warn("case change listener lost its connection ({}); reconnecting in 1 s", e.getMessage());
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
            }
        }
    }
}
