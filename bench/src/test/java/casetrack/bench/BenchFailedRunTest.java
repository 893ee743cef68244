package casetrack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run that fails in a late phase keeps what it measured: the report is written with the figures
 * of the phases that finished (and of the failing phase up to its failure), says where and why it
 * failed, and lists every target it did not reach as not measured, so its table still names all of
 * them once. Until session 28 a failure in the replay lost a quarter of an hour's figures.
 */
class BenchFailedRunTest {

    private Cluster cluster;

    @AfterEach
    void removeWorkDirectory() throws Exception {
        if (cluster != null) {
            cluster.close();
            Cluster.deleteTree(cluster.work);
        }
    }

    @Test
    void aFailureInTheFixedRatesKeepsTheEarlierFiguresAndListsTheRestAsNotMeasured(@TempDir Path out) throws Exception {
        cluster = new Cluster(Path.of("."));
        Bench bench = new Bench(cluster, Bench.Mode.QUICK);
        bench.begin();
        bench.phase(Bench.Phase.START, () -> bench.report.line("# casetrack benchmark"));
        bench.phase(Bench.Phase.WARM_UP, () -> { });
        bench.phase(Bench.Phase.LIMIT, () -> bench.report.section("The limit").line("raw append 5,000/s"));
        bench.phase(Bench.Phase.COMMANDS, () -> {
            bench.report.target(Bench.commandThroughput(8).measured("30.0% (1,500 / 5,000 per s)", 30));
            bench.report.target(Bench.commandThroughput(32).measured("20.0% (1,000 / 5,000 per s)", 20));
        });
        IOException stopped = new IOException("the command side stopped answering", new IllegalStateException("connection refused"));
        assertThatThrownBy(() -> bench.phase(Bench.Phase.FIXED_RATE, () -> {
            bench.report.target(Bench.P99_AT_50.measured("8.00 ms", 8, "fixed rate 750/s"));
            throw stopped;
        })).isSameAs(stopped);

        bench.failed(stopped);
        bench.report.write(out);

        assertThat(bench.phase).isEqualTo(Bench.Phase.FIXED_RATE);
        assertThat(bench.finished).containsExactly(Bench.Phase.START, Bench.Phase.WARM_UP, Bench.Phase.LIMIT, Bench.Phase.COMMANDS);
        String md = Files.readString(out.resolve("bench-report.md"));
        assertThat(md).contains("raw append 5,000/s")
                .contains("## The run did not finish")
                .contains("It failed in the phase \"commands at fixed rates\"")
                .contains("the command side stopped answering")
                .contains("caused by java.lang.IllegalStateException: connection refused")
                .contains("Phases that finished, whose figures above are whole: starting PostgreSQL and both services; the warm-up; "
                        + "the limit (raw PostgreSQL); commands, closed loop.")
                .contains("Not run: the burst; the read path; aggregate load; replay.")
                .contains(cluster.work.resolve("logs").toString())
                .contains("## Run");

        List<Target.Goal> goals = new ArrayList<>();
        Arrays.stream(Bench.Phase.values()).forEach(p -> goals.addAll(p.goals(Bench.Mode.QUICK)));
        Map<String, Target> byName = bench.report.targets.stream().collect(Collectors.toMap(Target::name, t -> t));
        assertThat(bench.report.targets).hasSize(goals.size());
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(goals.stream().map(Target.Goal::name).toList());
        assertThat(byName.get(Bench.commandThroughput(8).name()).verdict()).isEqualTo(Target.Verdict.MET);
        assertThat(byName.get(Bench.commandThroughput(32).name()).verdict()).isEqualTo(Target.Verdict.MISSED);
        assertThat(byName.get(Bench.P99_AT_50.name()).verdict()).isEqualTo(Target.Verdict.MET);
        assertThat(byName.get(Bench.P99_AT_50.name()).limitNote()).isEqualTo("fixed rate 750/s");
        for (Target.Goal later : List.of(Bench.LAG_P99_AT_50, Bench.P99_AT_80, Bench.ERRORS_AT_80, Bench.BURST, Bench.reads("dashboard"),
                Bench.NOT_MODIFIED, Bench.loadFromSnapshot(Bench.Mode.QUICK), Bench.REPLAY_RATE, Bench.REPLAY_PEAK_HEAP)) {
            Target t = byName.get(later.name());
            assertThat(t.verdict()).as(later.name()).isEqualTo(Target.Verdict.NOT_MEASURED);
            assertThat(t.measured()).isEqualTo("not measured: the run failed in commands at fixed rates");
            assertThat(md).contains("| " + later.name() + " | not measured: the run failed in commands at fixed rates |");
        }

        JsonNode json = new ObjectMapper().readTree(out.resolve("bench-report.json").toFile());
        assertThat(json.at("/failure/phase").asText()).isEqualTo("FIXED_RATE");
        assertThat(json.at("/failure/error").asText()).contains("the command side stopped answering");
        assertThat(json.at("/failure/finishedPhases").toString()).isEqualTo("[\"START\",\"WARM_UP\",\"LIMIT\",\"COMMANDS\"]");
        assertThat(json.at("/failure/notRun").toString()).isEqualTo("[\"BURST\",\"READS\",\"AGGREGATE\",\"REPLAY\"]");
        long notMeasured = 0;
        for (JsonNode t : json.get("targets")) {
            if (t.get("verdict").asText().equals("NOT_MEASURED")) {
                notMeasured++;
                assertThat(t.get("value").isNull()).isTrue();
            }
        }
        assertThat(notMeasured).isEqualTo(goals.size() - 3);
    }

    @Test
    void aRunThatFinishesHasEveryPhaseAndEachGoalOnce() {
        List<String> names = new ArrayList<>();
        for (Bench.Phase p : Bench.Phase.values()) {
            p.goals(Bench.Mode.DEFAULT).forEach(g -> names.add(g.name()));
        }
        // 2 command rates, 5 fixed-rate goals, the burst, 3 reads and the 304s, 2 aggregate loads, the replay's rate and heap: 16
        assertThat(names).hasSize(16).doesNotHaveDuplicates()
                .contains("loading a 10000-event case from its snapshot (p50, aggregate cache off, warm JVM)",
                        "reads at 32 clients (timeline) / raw PK select at 32");
    }
}
