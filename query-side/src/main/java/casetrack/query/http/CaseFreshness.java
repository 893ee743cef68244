package casetrack.query.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import casetrack.query.cases.CaseQueries;
import casetrack.query.cases.CaseQueries.CaseVersion;
import casetrack.query.live.CaseChangeHub;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for an editor who just recorded version N: wait (briefly) until the case's
 * projection reaches N, woken by the committed-change notification rather than by polling.
 */
@Component
public class CaseFreshness {

    private final CaseQueries cases;
    private final CaseChangeHub hub;
    private final Duration maxWait;

    public CaseFreshness(CaseQueries cases, CaseChangeHub hub,
                         @Value("${casetrack.query.min-version-wait:PT2S}") Duration maxWait) {
        this.cases = cases;
        this.hub = hub;
        this.maxWait = maxWait;
    }

    /** The case's version now, after waiting for {@code minVersion} if it is given and not reached. */
    public Optional<CaseVersion> await(String caseId, Long minVersion) {
        Optional<CaseVersion> now = cases.version(caseId);
        if (minVersion == null || reached(now, minVersion)) {
            return now;
        }
        CompletableFuture<Long> reached = hub.awaitVersion(caseId, minVersion);
        try {
            // the change may have committed between the first read and the subscription
            now = cases.version(caseId);
            if (!reached(now, minVersion)) {
                reached.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
                now = cases.version(caseId);
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
