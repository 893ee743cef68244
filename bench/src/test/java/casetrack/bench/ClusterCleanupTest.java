package casetrack.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bench run leaves its logs and not its PostgreSQL data folder (gigabytes after a default run's
 * replay: left behind, a few runs filled the machine's disk in session 25), and a run that would
 * not have the space is refused before it starts, naming what earlier runs left.
 */
class ClusterCleanupTest {

    private Cluster cluster;

    @AfterEach
    void removeWorkDirectory() throws Exception {
        if (cluster != null) {
            cluster.close();
            Cluster.deleteTree(cluster.work);
        }
    }

    @Test
    void closeStopsPostgresRemovesItsDataFolderKeepsTheLogsAndMayBeCalledAgain() throws Exception {
        cluster = new Cluster(Path.of("."));
        cluster.keepData = false;
        cluster.startPostgres();
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE filler AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 20000) g");
        }
        Files.writeString(cluster.work.resolve("logs/command-side.log"), "a line the report points to\n");
        Path data = cluster.work.resolve("postgres");
        assertThat(Cluster.sizeOf(data)).isGreaterThan(4_000_000L);
        assertThat(Cluster.leftWorkDirectories(cluster.work.getParent())).contains(cluster.work);

        cluster.close();

        assertThat(data).doesNotExist();
        assertThat(cluster.work.resolve("logs/command-side.log")).hasContent("a line the report points to");
        assertThat(Cluster.leftWorkDirectories(cluster.work.getParent())).doesNotContain(cluster.work);
        cluster.close(); // the shutdown hook's second call: nothing left to do, no error
        assertThat(cluster.work.resolve("logs")).isDirectory();
    }

    @Test
    void withKeepDataTheFolderStaysAndARefusalNamesItWithTheCommandToRemoveIt() throws Exception {
        cluster = new Cluster(Path.of("."));
        cluster.keepData = true;
        Path data = Files.createDirectories(cluster.work.resolve("postgres/base"));
        Files.write(data.resolve("16384"), new byte[3_000_000]);

        cluster.close();

        assertThat(data.resolve("16384")).exists();
        Path parent = cluster.work.getParent();
        assertThat(Cluster.leftWorkDirectories(parent)).contains(cluster.work);
        Optional<String> refusal = Cluster.freeSpaceRefusal(parent, Long.MAX_VALUE, "a default run");
        assertThat(refusal).hasValueSatisfying(why -> assertThat(why)
                .startsWith("bench: not started: a default run needs about ")
                .contains(parent + " has ")
                .contains("rm -rf " + cluster.work.resolve("postgres") + "   # 3 MB")
                .contains(Cluster.KEEP_DATA_ENV + "=1")
                .contains(Cluster.DIR_ENV));
    }

    @Test
    void aRunWithTheSpaceItNeedsIsNotRefusedEvenInAFolderNotYetMade() throws Exception {
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        assertThat(Cluster.freeSpaceRefusal(parent, 1_000_000L, "a quick run")).isEmpty();
        assertThat(Cluster.freeSpaceRefusal(parent.resolve("casetrack-not-made-" + System.nanoTime()).resolve("runs"),
                1_000_000L, "a quick run")).isEmpty();
        assertThat(Cluster.freeSpaceRefusal(parent.resolve("casetrack-not-made-" + System.nanoTime()),
                Long.MAX_VALUE, "a quick run")).hasValueSatisfying(why -> assertThat(why)
                .contains("a quick run needs about ").doesNotContain("rm -rf"));
    }
}
