package casetrack.command.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpClient;

/** The whole command side on a random port over the real embedded PostgreSQL; one context shared by all such tests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"casetrack.snapshot-threshold=10",
                "casetrack.access.editor-token=" + Api.EDITOR_TOKEN,
                "casetrack.access.auditor-token=" + Api.AUDITOR_TOKEN,
                "casetrack.access.reader-token=" + Api.READER_TOKEN,
                "casetrack.access.users-file=src/test/resources/access/users"})
public abstract class CommandSideTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @BeforeEach
    void client() {
        api = new Api(HttpClient.newHttpClient(), "http://127.0.0.1:" + port);
    }

    protected long storedEvents(String caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM events.domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, caseId);
    }

    protected long allStoredEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM events.domain_event_entry", Long.class);
    }
}
