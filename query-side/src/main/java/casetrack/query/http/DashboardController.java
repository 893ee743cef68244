package casetrack.query.http;

import java.time.Clock;
import java.time.LocalDate;

import casetrack.query.dashboard.DashboardQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
public class DashboardController {

    private final DashboardQueries dashboard;
    private final Clock clock;

    public DashboardController(DashboardQueries dashboard, Clock clock) {
        this.dashboard = dashboard;
        this.clock = clock;
    }

    /** The ETag moves with the last event taken in and with the day (upcoming and overdue depend on it). */
    @GetMapping("/api/dashboard")
    public ResponseEntity<DashboardQueries.Dashboard> dashboard(WebRequest request) {
        String etag = "\"dashboard-" + dashboard.lastGlobalIndex() + "-" + LocalDate.now(clock) + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).body(dashboard.dashboard());
    }
}
