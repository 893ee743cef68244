package casetrack.query.http;


import casetrack.query.dashboard.DashboardCache;
import casetrack.query.dashboard.DashboardQueries;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
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
     * on it); Last-Modified is the recording time of the newest step taken in. The body is the JSON
     * rendered when the dashboard was computed.
     */
    @GetMapping("/api/dashboard")
    @ApiResponse(responseCode = "200", description = "Counts, durations and the calendar over every case",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DashboardQueries.Dashboard.class)))
    public ResponseEntity<byte[]> dashboard(WebRequest request) {
        DashboardCache.Entry entry = dashboards.get();
        ResponseEntity.BodyBuilder ok = ProjectionPosition.okUnlessNotModified(request, "dashboard", entry.value().position(), entry.day());
        return ok == null ? null : ok.contentType(MediaType.APPLICATION_JSON).body(entry.json());
    }
}
