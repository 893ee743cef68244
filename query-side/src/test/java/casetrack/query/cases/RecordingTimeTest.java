package casetrack.query.cases;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Recording times go to PostgreSQL rounded to the microsecond half up, as the JDBC driver rounded them before. */
class RecordingTimeTest {

    @Test
    void roundsHalfUpToTheMicrosecond() {
        assertThat(TimelineProjection.microseconds(Instant.parse("2026-11-28T22:06:25.4078665Z"))).isEqualTo("2026-11-28T22:06:25.407867Z");
        assertThat(TimelineProjection.microseconds(Instant.parse("2026-11-28T22:06:25.4078675Z"))).isEqualTo("2026-11-28T22:06:25.407868Z");
        assertThat(TimelineProjection.microseconds(Instant.parse("2026-11-28T22:06:25.4078664Z"))).isEqualTo("2026-11-28T22:06:25.407866Z");
        assertThat(TimelineProjection.microseconds(Instant.parse("2026-11-28T23:59:59.9999995Z"))).isEqualTo("2026-11-29T00:00:00Z");
        assertThat(TimelineProjection.microseconds(Instant.parse("2026-11-28T22:06:25.407866Z"))).isEqualTo("2026-11-28T22:06:25.407866Z");
        assertThat(TimelineProjection.microseconds(null)).isNull();
    }
}
