package casetrack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mean WAL flush divides the flushes' time by their number, and says when it cannot. */
class PostgresActivityTest {

    @Test
    void theMeanFlushIsTheTimeOverTheFlushes() {
        assertThat(PostgresActivity.meanFlushMs(4000, 520.0)).isEqualTo("0.130");
        assertThat(PostgresActivity.meanFlushMs(3, 150.0)).isEqualTo("50.000");
    }

    @Test
    void flushesWithoutTheirTimeAreNotAMeanOfZero() {
        // track_wal_io_timing off: PostgreSQL counts the flushes but leaves their time at 0
        assertThat(PostgresActivity.meanFlushMs(4000, 0.0)).isEqualTo("n/a");
        assertThat(PostgresActivity.meanFlushMs(0, 0.0)).isEqualTo("–");
    }
}
