package casetrack.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * CASETRACK_BENCH_JVM's value becomes one JVM option per word, in order, and nothing when it is blank;
 * an initial heap above the replay's maximum (512 MiB) is refused before the run starts.
 */
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

    @Test
    void anInitialHeapAboveTheReplaysMaximumIsRefusedBeforeTheRun() {
        assertThatThrownBy(() -> Bench.initialHeapFitsTheReplay(List.of("-Xmn256m", "-Xms768m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Xms768m").hasMessageContaining("-Xmx512m");
        assertThatThrownBy(() -> Bench.initialHeapFitsTheReplay(List.of("-XX:InitialHeapSize=1g")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("InitialHeapSize=1g");
        assertThatThrownBy(() -> Bench.initialHeapFitsTheReplay(List.of("-Xms536870913")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInitialHeapUpToTheReplaysMaximumOrNoneIsAccepted() {
        assertThatCode(() -> Bench.initialHeapFitsTheReplay(List.of("-Xms512m", "-Xmn256m"))).doesNotThrowAnyException();
        assertThatCode(() -> Bench.initialHeapFitsTheReplay(List.of("-Xms512M"))).doesNotThrowAnyException();
        assertThatCode(() -> Bench.initialHeapFitsTheReplay(List.of("-Xmn256m", "-Xlog:gc"))).doesNotThrowAnyException();
        assertThatCode(() -> Bench.initialHeapFitsTheReplay(List.of())).doesNotThrowAnyException();
    }

    @Test
    void sizesReadAsTheJvmReadsThem() {
        assertThat(Bench.heapBytes("512m")).isEqualTo(512L << 20);
        assertThat(Bench.heapBytes("1G")).isEqualTo(1L << 30);
        assertThat(Bench.heapBytes("64k")).isEqualTo(64L << 10);
        assertThat(Bench.heapBytes("1048576")).isEqualTo(1L << 20);
        assertThatThrownBy(() -> Bench.heapBytes("lots")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"lots\"");
    }
}
