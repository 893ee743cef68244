package casetrack.query.http;


import casetrack.query.dashboard.DashboardCache;
import casetrack.query.dashboard.DashboardQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

@RestController
public class DashboardController {

    private final DashboardCache dashboards;

    public DashboardController(DashboardCache dashboards) {
        this.dashboards = dashboards;
    }

    /**
     * The ETag moves with the projections' position and with the day (upcoming and overdue depend
     * on it); Last-Modified is the recording time of the newest step taken in.
     */
    @GetMapping("/api/dashboard")
    public ResponseEntity<DashboardQueries.Dashboard> dashboard(WebRequest request) {
        DashboardCache.Entry entry = dashboards.get();
        return ProjectionPosition.conditional(request, "dashboard", entry.value().position(), entry.day(),
                () -> entry.value().dashboard());
    }
}
