package casetrack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CASETRACK_BENCH_JVM's value becomes one JVM option per word, in order, and nothing when it is blank. */
class BenchJvmOptionsTest {

    @Test
    void optionsAreTheWordsInOrderWhateverTheWhiteSpaceBetweenThem() {
        assertThat(Bench.jvmOptions("  -Xmn96m\t-XX:MaxTenuringThreshold=2 \n -Xlog:gc:file=gc-%p.log "))
                .containsExactly("-Xmn96m", "-XX:MaxTenuringThreshold=2", "-Xlog:gc:file=gc-%p.log");
    }

    @Test
    void aBlankOrMissingValueAddsNoOption() {
        assertThat(Bench.jvmOptions("")).isEmpty();
        assertThat(Bench.jvmOptions("   \t ")).isEmpty();
    }
}
