package casetrack.query.http;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Supplier;

import casetrack.query.dashboard.DashboardQueries;
import casetrack.query.dashboard.PositionCache;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Conditional answers for reads that any step may change (case lists, search): the ETag names the
 * projections' position and the day (figures such as overdue deadlines depend on it), Last-Modified
 * is the recording time of the newest step taken in. A matching If-None-Match or If-Modified-Since
 * gets 304 without running the query; the position is read before the answer is computed, so an
 * answer is never older than the ETag it carries.
 */
@Component
class ProjectionPosition {

    private final PositionCache positions;
    private final Clock clock;

    ProjectionPosition(PositionCache positions, Clock clock) {
        this.positions = positions;
        this.clock = clock;
    }

    <T> ResponseEntity<T> answer(WebRequest request, String what, Supplier<T> body) {
        return conditional(request, what, positions.current(), LocalDate.now(clock), body);
    }

    /**
     * A 304 when the request's If-None-Match or If-Modified-Since matches {@code at} on {@code day},
     * else 200 with the body and the caching headers; {@code body} runs only for a 200.
     */
    static <T> ResponseEntity<T> conditional(WebRequest request, String what, DashboardQueries.Position at, LocalDate day,
                                             Supplier<T> body) {
        ResponseEntity.BodyBuilder ok = okUnlessNotModified(request, what, at, day);
        return ok == null ? null : ok.body(body.get());
    }

    /**
     * Null when the request's If-None-Match or If-Modified-Since matches {@code at} on {@code day}
     * (the answer is then a 304), else a 200 with the caching headers, for the body to be added.
     */
    static ResponseEntity.BodyBuilder okUnlessNotModified(WebRequest request, String what, DashboardQueries.Position at, LocalDate day) {
        String etag = "\"" + what + "-" + at.steps() + "-" + at.lastGlobalIndex() + "-" + day + "\"";
        long lastModified = at.lastRecordedAt() == null ? -1 : at.lastRecordedAt().toEpochMilli();
        if (request.checkNotModified(etag, lastModified)) {
            return null;
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().eTag(etag).cacheControl(PublicCaching.READS);
        if (lastModified >= 0) {
            ok.lastModified(lastModified);
        }
        return ok;
    }
}
