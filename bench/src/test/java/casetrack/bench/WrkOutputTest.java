package casetrack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the bench reads from wrk's report (wrk 4.1, with --latency). */
class WrkOutputTest {

    private static final String OUTPUT = """
            Running 15s test @ http://127.0.0.1:45059
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     5.08ms    5.10ms  88.12ms   88.57%
                Req/Sec     3.68k   412.55     4.56k    71.33%
              Latency Distribution
                 50%  812.00us
                 75%    6.12ms
                 90%    9.95ms
                 99%    1.20s
              109842 requests in 15.02s, 120.33MB read
              Socket errors: connect 0, read 3, write 0, timeout 2
              Non-2xx or 3xx responses: 12
            Requests/sec:   7312.30
            Transfer/sec:      8.01MB
            """;

    @Test
    void rateLatencyAndErrorsComeFromTheReport() {
        Wrk.Result r = Wrk.parse(OUTPUT, 18.5);
        assertThat(r.perSecond()).isEqualTo(7312.30);
        assertThat(r.p50Millis()).isEqualTo(0.812, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.p99Millis()).isEqualTo(1200.0);
        assertThat(r.requests()).isEqualTo(109842);
        assertThat(r.errors()).containsEntry("non-2xx/3xx", 12L).containsEntry("socket read", 3L)
                .containsEntry("socket timeout", 2L).doesNotContainKey("socket connect");
        assertThat(r.errorCount()).isEqualTo(17);
        assertThat(r.cpuPercentOfOneCore()).isEqualTo(18.5);
    }

    @Test
    void aReportWithoutARateIsAFailureNotAZero() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused", 0))
                .hasMessageContaining("no Requests/sec");
    }
}
