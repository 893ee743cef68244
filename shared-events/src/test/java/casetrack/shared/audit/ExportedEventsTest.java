package casetrack.shared.audit;

import casetrack.shared.event.MetadataKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An exported file is checked offline, without a database. */
class ExportedEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<String> export(int length) throws Exception {
        List<String> lines = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 0; i < length; i++) {
            byte[] payload = ("{\"caseId\":\"c\",\"quote\":\"q" + i + "\"}").getBytes(StandardCharsets.UTF_8);
            Map<String, Object> meta = new HashMap<>(Map.of(MetadataKeys.RECORDED_BY, "editor",
                    MetadataKeys.RECORDED_AT, "2026-01-01T00:00:00Z", MetadataKeys.COMMAND_NAME, "RecordPublicStatement",
                    MetadataKeys.CORRELATION_ID, "x"));
            String hash = HashChain.hash(previous, "c", i, "e" + i, "T", "1", JSON.readTree(payload), meta);
            meta.put(MetadataKeys.PREVIOUS_HASH, previous);
            meta.put(MetadataKeys.HASH, hash);
            lines.add(ExportedEvents.line(i + 1, "c", i, "e" + i, "T", "1", "2026-01-01T00:00:00Z", payload,
                    JSON.writeValueAsBytes(meta)).toString());
            previous = hash;
        }
        return lines;
    }

    private String run(Path file, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ExportedEvents.verifyFile(new String[]{file.toString()}, new PrintStream(out, true))).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void anIntactExportVerifies() throws Exception {
        Path file = Files.write(dir.resolve("case.jsonl"), export(4));

        assertThat(run(file, 0)).contains("OK", "c");
    }

    @Test
    void anEditedLineIsNamed() throws Exception {
        List<String> lines = export(4);
        lines.set(2, lines.get(2).replace("q2", "q-edited"));
        Path file = Files.write(dir.resolve("case.jsonl"), lines);

        assertThat(run(file, 1)).contains("BROKEN", "sequence 2", "e2");
    }

    @Test
    void aDroppedLineIsNamed() throws Exception {
        List<String> lines = export(4);
        lines.remove(1);
        Path file = Files.write(dir.resolve("case.jsonl"), lines);

        assertThat(run(file, 1)).contains("BROKEN", "sequence 2", "missing");
    }

    @Test
    void garbageIsReportedNotThrown() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), "not json\n");

        assertThat(run(file, 2)).contains("cannot read");
    }
}
