package casetrack.query.replay;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import casetrack.query.store.AxonStoreConfiguration;
import casetrack.shared.event.CaseEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * A test-only handler in the projections' processing group (found by the test context's component
 * scan, so every query-side test context has it): while {@link #close(long) closed}, a batch
 * holding a step of a case whose id starts with {@value #PREFIX}, from the given sequence number
 * on, waits here uncommitted, as a slow batch would; the steps before it pass. Open, and for every
 * other case, it does nothing.
 */
@Component
@ProcessingGroup(AxonStoreConfiguration.PROJECTIONS)
public class ReplayGate {

    static final String PREFIX = "gated-";
    /** Past the processor's batch size (500): a batch held from here is never the segment's first. */
    static final long PAST_THE_FIRST_BATCH = 550;

    private static volatile CountDownLatch gate = new CountDownLatch(0);
    private static volatile long heldFrom;
    private static final AtomicInteger waiting = new AtomicInteger();

    /** Holds the batches with a gated case's steps from {@code sequence} on. */
    static void close(long sequence) {
        heldFrom = sequence;
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    /** True while a batch waits at the closed gate. */
    static boolean holdsABatch() {
        return waiting.get() > 0;
    }

    @EventHandler
    public void on(CaseEvent event, @SequenceNumber long sequence) throws InterruptedException {
        CountDownLatch current = gate;
        if (current.getCount() == 0 || sequence < heldFrom || !event.caseId().startsWith(PREFIX)) {
            return;
        }
        waiting.incrementAndGet();
        try {
            // bounded, so that a failed test never leaves the processor stuck: once a wait runs out the
            // gate stays open, or each later event of the batch would wait its own half minute
            if (!current.await(30, TimeUnit.SECONDS)) {
                current.countDown();
            }
        } finally {
            waiting.decrementAndGet();
        }
    }
}
