package casetrack.command.db;

import casetrack.command.support.TestDatabase;
import casetrack.shared.store.PostgresServerSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default runs with casetrack's PostgreSQL settings, and the compose file passes the same ones. */
class EmbeddedDatabaseSettingsTest {

    @TempDir
    Path data;

    @Test
    void theEmbeddedServerRunsWithEverySetting() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedDatabase.start(data, TestDatabase.freePort());
             Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            for (Map.Entry<String, String> setting : PostgresServerSettings.settings().entrySet()) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting.getKey())) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting.getKey()).isEqualTo(setting.getValue());
                }
            }
        }
    }

    @Test
    void theComposeFileGivesTheOfficialImageTheSameSettings() throws Exception {
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        PostgresServerSettings.settings().forEach((name, value) -> {
            if (!name.equals("listen_addresses")) {
                assertThat(compose).as(name).contains("\"" + name + "=" + value + "\"");
            }
        });
    }
}
