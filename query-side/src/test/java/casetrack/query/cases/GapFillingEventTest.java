package casetrack.query.cases;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import casetrack.query.store.AxonStoreConfiguration;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.QuerySideTest;
import casetrack.shared.EventJson;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static casetrack.query.support.Steps.opened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two writers: one takes a global index and commits late, after a step with a higher index was
 * already projected. The late step reaches the projections with a stream token whose position is
 * the higher index (it fills a gap); its rows must still carry its own index, or live rows would
 * differ from a rebuild (found by the kill -9 fault of `./casetrack bench --faults`).
 */
class GapFillingEventTest extends QuerySideTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aStepThatCommitsAfterALaterOneKeepsItsOwnGlobalIndex() throws Exception {
        CaseHistory late;
        CaseHistory early = newCase("gap-early");
        try (Connection held = dataSource.getConnection()) {
            held.setAutoCommit(false);
            Connection unclosable = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(held, args));
            Serializer json = JacksonSerializer.builder().objectMapper(EventJson.newMapper())
                    .revisionResolver(new AnnotationRevisionResolver()).build();
            JdbcEventStorageEngine slowWriter = JdbcEventStorageEngine.builder()
                    .connectionProvider(() -> unclosable)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .schema(new AxonStoreConfiguration().eventSchema())
                    .eventSerializer(json).snapshotSerializer(json)
                    .build();
            late = new CaseHistory("gap-late-" + UUID.randomUUID().toString().substring(0, 8), slowWriter::appendEvents);
            late.record(opened(late.caseId(), "State v. Late (fictional)", "ID", "FBI", "o-1", "Officer Late", "2020-01-01"));

            early.record(opened(early.caseId(), "State v. Early (fictional)", "ID", "FBI", "o-2", "Officer Early", "2020-01-02"));
            awaitProjected(early);
            held.commit();
        }
        awaitProjected(late);

        long lateIndex = storedIndex(late.caseId());
        assertThat(lateIndex).as("the late step took the lower index").isLessThan(storedIndex(early.caseId()));
        assertThat(jdbc.queryForObject("SELECT global_index FROM query.timeline_entry WHERE case_id = :id",
                Map.of("id", late.caseId()), Long.class)).isEqualTo(lateIndex);
        assertThat(jdbc.queryForObject("SELECT last_global_index FROM query.case_summary WHERE case_id = :id",
                Map.of("id", late.caseId()), Long.class)).isEqualTo(lateIndex);
    }

    private long storedIndex(String caseId) {
        return jdbc.queryForObject("SELECT global_index FROM events.domain_event_entry WHERE aggregate_identifier = :id",
                Map.of("id", caseId), Long.class);
    }
}
