package casetrack.query.replay;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import casetrack.query.QuerySideApplication;
import casetrack.query.store.AxonStoreConfiguration;
import casetrack.query.support.CaseHistory;
import casetrack.query.support.TestDatabase;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import static casetrack.query.support.Steps.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A replay refused because the live batch in flight did not land within the stop wait leaves the
 * live projections to start again once that batch is done. If the query side is shut down
 * before then, the batch lands during the shutdown, after Axon has begun to stop the processor:
 * the processor must then stay stopped, not be started again into a closing pool.
 * <p>
 * A query node of its own (a Spring context on a database of its own, as in
 * {@code ScaleOutAndRestartTest}), since the test closes it; the shared test context cannot be.
 */
class ReplayRestartDuringShutdownTest {

    @Test
    void aHeldBatchThatLandsDuringTheShutdownDoesNotStartTheLiveProjectionsAgain() throws Exception {
        ConfigurableApplicationContext node = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--spring.datasource.url=" + TestDatabase.url("replayshutdown"),
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=",
                "--spring.main.web-application-type=none",
                "--spring.jmx.enabled=false",
                "--casetrack.query.node-id=shutdown-node",
                "--casetrack.query.replay.stop-wait=1s");
        StreamingEventProcessor processor = node.getBean(EventProcessingConfiguration.class)
                .eventProcessor(AxonStoreConfiguration.PROJECTIONS, StreamingEventProcessor.class).orElseThrow();
        CompletableFuture<Void> closed = null;
        Logger axonLog = (Logger) LoggerFactory.getLogger(PooledStreamingEventProcessor.class);
        ListAppender<ILoggingEvent> processorLog = new ListAppender<>();
        processorLog.start();
        axonLog.addAppender(processorLog);
        long startsBeforeClose = -1;
        try {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            CaseHistory h = new CaseHistory(ReplayGate.PREFIX + "shutdown-" + UUID.randomUUID().toString().substring(0, 8),
                    node.getBean(EventStore.class)::publish);
            String id = h.caseId();
            h.record(opened(id, "State v. Late Batch (fictional)", "ID", "FBI", "o-1", "Officer Late", "2020-01-01"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                    "SELECT version FROM query.case_summary WHERE case_id = ?", Long.class, id)).containsExactly(0L));

            ReplayGate.close(1);
            try {
                h.record(statement(id, "A. Spokesman (fictional)", "held in a live batch", "2020-02-01"));
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(ReplayGate::holdsABatch);

                // refused after the 1 s stop wait: the processor stays stopping, to start again once the batch lands
                assertThatThrownBy(() -> node.getBean(ReplayService.class).start())
                        .isInstanceOf(ReplayService.ReplayNotStartedException.class);
                assertThat(ReplayGate.holdsABatch()).as("the live batch is still held").isTrue();

                CountDownLatch closing = new CountDownLatch(1);
                node.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> closing.countDown());
                long stopsBefore = logged(processorLog, "Stopping");
                startsBeforeClose = logged(processorLog, "Starting");
                closed = CompletableFuture.runAsync(node::close);
                assertThat(closing.await(10, TimeUnit.SECONDS)).as("the context began to close").isTrue();
                // the batch is to land once Axon's shutdown has asked the processor to stop (it logs each such
                // request), the moment a restart would outlive the shutdown
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                        .until(() -> logged(processorLog, "Stopping") > stopsBefore);
                assertThat(closed).as("the close waits for the held batch").isNotDone();
            } finally {
                ReplayGate.open();
            }
            closed.get(60, TimeUnit.SECONDS);

            // the restart after the refused replay runs on the service's watcher once the stop is done: give it time
            long startsBefore = startsBeforeClose;
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        assertThat(logged(processorLog, "Starting"))
                                .as("starts of the processor once the shutdown had begun").isEqualTo(startsBefore);
                        assertThat(processor.isRunning()).as("the processor runs after the shutdown").isFalse();
                    });
        } finally {
            axonLog.detachAppender(processorLog);
            ReplayGate.open();
            if (closed == null) {
                node.close();
            }
            if (processor.isRunning()) {
                // the failure above: stop what was started, so that it does not run on in this test JVM
                processor.shutDown();
            }
        }
    }

    /**
     * How many times the processor has been asked to stop or to start: Axon logs each request as
     * "Stopping PooledStreamingEventProcessor [...]" and "Starting PooledStreamingEventProcessor [...]".
     */
    private static long logged(ListAppender<ILoggingEvent> appender, String firstWord) {
        synchronized (appender.list) {
            return appender.list.stream().filter(e -> e.getFormattedMessage().startsWith(firstWord + " ")).count();
        }
    }
}
