package casetrack.access;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * Whether a failure means "PostgreSQL cannot be reached right now" (answered 503 with Retry-After,
 * since trying again later will work) rather than a bug (500). Walks the whole cause chain, because
 * Axon and Spring wrap the driver's exception in their own. Shared by both services' problem handlers.
 */
public final class DatabaseOutage {

    /** Seconds a client should wait before trying again while the database is unreachable. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof CannotGetJdbcConnectionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTransientException
                    || t instanceof ConnectException) {
                return true;
            }
            // the pool's proxy of a connection PostgreSQL dropped: the statement or the rollback never reached a server
            if (t instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true;
            }
            // PostgreSQL: class 08 = connection exception, 57P0x = server shutting down / cannot connect now
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
