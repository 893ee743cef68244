package casetrack.query.http;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** A read while PostgreSQL is unreachable is a 503 problem with Retry-After; any other failure stays a 500. */
class ApiProblemsOutageTest {

    private final ApiProblems problems = new ApiProblems();

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterAndABugIs500() {
        var noConnection = problems.unexpected(new CannotGetJdbcConnectionException("pool timed out",
                new SQLException("Connection refused", "08001")));
        assertThat(noConnection.getStatusCode().value()).isEqualTo(503);
        assertThat(noConnection.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(noConnection.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        var dropped = problems.unexpected(new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")));
        assertThat(dropped.getStatusCode().value()).isEqualTo(503);

        var bug = problems.unexpected(new IllegalStateException("a bug"));
        assertThat(bug.getStatusCode().value()).isEqualTo(500);
        assertThat(bug.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
    }
}
