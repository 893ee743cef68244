package casetrack.query.store;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import casetrack.query.QuerySideApplication;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.TestDatabase;
import casetrack.shared.EventJson;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static casetrack.query.support.Steps.opened;
import static casetrack.query.support.Steps.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projections are woken by the event table's NOTIFY, not by polling: with every poll set to a
 * minute, steps appended by another engine on its own connections (as the command side does, from
 * another JVM) still reach the projections within seconds, also after the LISTEN connection was
 * killed and re-established.
 */
class ProjectionWakeUpTest {

    private static final String DATABASE = "wakeup";
    /** Far below the one-minute polls: only a notification can deliver a step this fast. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static ConfigurableApplicationContext node;
    private static JdbcTemplate jdbc;
    private static JdbcEventStorageEngine commandSide;

    @BeforeAll
    static void start() {
        String url = TestDatabase.url(DATABASE);
        node = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=",
                "--spring.main.web-application-type=none",
                "--spring.jmx.enabled=false",
                "--casetrack.query.node-id=wakeup-node",
                "--casetrack.query.event-fallback-poll-millis=60000",
                "--casetrack.query.event-poll-millis=60000");
        jdbc = node.getBean(JdbcTemplate.class);

        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(TestDatabase.USER);
        Serializer json = JacksonSerializer.builder().objectMapper(EventJson.newMapper())
                .revisionResolver(new AnnotationRevisionResolver()).build();
        commandSide = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new AxonStoreConfiguration().eventSchema())
                .eventSerializer(json)
                .snapshotSerializer(json)
                .build();

        // every segment claimed and the streams open: from here on only a wake-up makes them read
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                SELECT count(*) > 0 AND count(*) = count(*) FILTER (WHERE owner = 'wakeup-node')
                FROM query.token_entry WHERE processor_name = 'case-projections'""", Boolean.class));
        CaseHistory first = newCase();
        first.record(opened(first.caseId(), "State v. Wake", "ID", "FBI", "o-1", "Officer Wake", "2020-01-01"));
        await().atMost(Duration.ofSeconds(70)).until(() -> summaryVersion(first) == first.version());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static CaseHistory newCase() {
        return new CaseHistory("wake-" + UUID.randomUUID().toString().substring(0, 8), commandSide::appendEvents);
    }

    private static long summaryVersion(CaseHistory h) {
        return jdbc.queryForList("SELECT version FROM query.case_summary WHERE case_id = ?", Long.class, h.caseId())
                .stream().findFirst().orElse(-1L);
    }

    private static void awaitPromptly(CaseHistory h) {
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(10)).until(() -> summaryVersion(h) == h.version());
    }

    private static List<Integer> listenerBackends() {
        return jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()",
                Integer.class, EventAppendListener.APPLICATION_NAME);
    }

    @Test
    void stepsAppendedByAnotherWriterReachTheProjectionsWithoutWaitingForAPoll() {
        CaseHistory h = newCase();
        h.record(opened(h.caseId(), "State v. Notified", "ID", "FBI", "o-1", "Officer Notified", "2020-01-01"));
        awaitPromptly(h);
        for (int i = 0; i < 5; i++) {
            h.record(statement(h.caseId(), "Spokesman", "statement " + i, "2020-02-01"));
            awaitPromptly(h);
        }
    }

    @Test
    void aKilledListenConnectionIsReplacedAndStillWakesTheProjections() {
        EventAppendListener listener = node.getBean(EventAppendListener.class);
        await().atMost(PROMPTLY).until(listener::isListening);
        List<Integer> before = listenerBackends();
        assertThat(before).hasSize(1);

        jdbc.queryForList("SELECT pg_terminate_backend(?)", Boolean.class, before.get(0));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(listener.isListening()).isTrue();
            assertThat(listenerBackends()).hasSize(1).doesNotContain(before.get(0));
        });
        CaseHistory h = newCase();
        h.record(opened(h.caseId(), "State v. Reconnected", "ID", "FBI", "o-1", "Officer Back", "2020-01-01"));
        awaitPromptly(h);
        h.record(statement(h.caseId(), "Spokesman", "after the reconnect", "2020-02-01"));
        awaitPromptly(h);
    }
}
