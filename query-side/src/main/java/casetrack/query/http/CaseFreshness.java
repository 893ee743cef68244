package casetrack.query.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import casetrack.query.cases.CaseQueries;
import casetrack.query.cases.CaseQueries.CaseVersion;
import casetrack.query.live.CaseChangeHub;
import casetrack.query.replay.ReplayService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which version of a case the projections hold now, and read-your-writes for an editor who just
 * recorded version N: wait (briefly) until the case's projection reaches N, woken by the
 * committed-change notification rather than by polling.
 * <p>
 * The versions are known from the change notices every node sends at commit (and from the table
 * for a case not heard of yet), so a read of a case asks PostgreSQL nothing when its answer is
 * already rendered. What was heard is forgotten when the listener reconnects (notices may have been
 * missed meanwhile), and not used while a replay rebuilds the tables.
 */
@Component
public class CaseFreshness {

    private static final int MAX_KNOWN = 200_000;

    private final CaseQueries cases;
    private final CaseChangeHub hub;
    private final ReplayService replay;
    private final Duration maxWait;
    private final Map<String, CaseVersion> known = new ConcurrentHashMap<>();
    /** Raised on each reconnect: a version read from the table before it may be older than a notice missed since. */
    private final AtomicLong epoch = new AtomicLong();

    public CaseFreshness(CaseQueries cases, CaseChangeHub hub, ReplayService replay,
                         @Value("${casetrack.query.min-version-wait:PT2S}") Duration maxWait) {
        this.cases = cases;
        this.hub = hub;
        this.replay = replay;
        this.maxWait = maxWait;
        hub.onChange(change -> learn(change.caseId(), new CaseVersion(change.version(), change.recordedAt())));
        hub.onReconnect(() -> {
            epoch.incrementAndGet();
            known.clear();
        });
    }

    /** The case's version as the projections hold it now. */
    public Optional<CaseVersion> current(String caseId) {
        boolean replaying = replay.isRunning();
        if (!replaying) {
            CaseVersion heard = known.get(caseId);
            if (heard != null) {
                return Optional.of(heard);
            }
        }
        long before = epoch.get();
        Optional<CaseVersion> stored = cases.version(caseId);
        if (stored.isPresent() && !replaying && epoch.get() == before) {
            learn(caseId, stored.get());
        }
        return stored;
    }

    private void learn(String caseId, CaseVersion version) {
        if (known.size() >= MAX_KNOWN) {
            known.clear();
        }
        known.merge(caseId, version, (a, b) -> b.version() > a.version() ? b : a);
    }

    /** The case's version now, after waiting for {@code minVersion} if it is given and not reached. */
    public Optional<CaseVersion> await(String caseId, Long minVersion) {
        Optional<CaseVersion> now = current(caseId);
        if (minVersion == null || reached(now, minVersion)) {
            return now;
        }
        CompletableFuture<Long> reached = hub.awaitVersion(caseId, minVersion);
        try {
            // the change may have committed between the first read and the subscription
            now = current(caseId);
            if (!reached(now, minVersion)) {
                reached.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
                now = current(caseId);
            }
        } catch (TimeoutException e) {
            now = cases.version(caseId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            reached.cancel(false);
        }
        return now;
    }

    private static boolean reached(Optional<CaseVersion> version, long minVersion) {
        return version.isPresent() && version.get().version() >= minVersion;
    }
}
