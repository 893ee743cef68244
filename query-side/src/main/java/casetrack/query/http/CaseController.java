package casetrack.query.http;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import casetrack.query.cases.CaseListItem;
import casetrack.query.cases.CaseQueries;
import casetrack.query.cases.CaseQueries.CaseVersion;
import casetrack.query.cases.CaseStage;
import casetrack.query.cases.CaseSummaryView;
import casetrack.query.cases.TimelineStep;
import casetrack.shared.value.Ids;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The case list, one case's summary and its timeline. */
@RestController
@RequestMapping("/api/cases")
public class CaseController {

    public static final String VERSION_HEADER = "X-Casetrack-Version";
    public static final String STALE_HEADER = "X-Casetrack-Stale";
    static final int MAX_PAGE_SIZE = 200;
    private static final Pattern CASE_ID = Pattern.compile(Ids.PATTERN);

    private final CaseQueries cases;
    private final CaseFreshness freshness;
    private final ProjectionPosition position;
    private final RenderedAnswers answers;
    private final Clock clock;

    public CaseController(CaseQueries cases, CaseFreshness freshness, ProjectionPosition position, RenderedAnswers answers,
                          Clock clock) {
        this.cases = cases;
        this.freshness = freshness;
        this.position = position;
        this.answers = answers;
        this.clock = clock;
    }

    public record CasePage(List<CaseListItem> items, int page, int size, long total) {
    }

    /** Any list may change with any step: its ETag and Last-Modified are the projections' position (and the day). */
    @GetMapping
    public ResponseEntity<CasePage> list(@RequestParam(required = false) String stage,
                         @RequestParam(required = false) String state,
                         @RequestParam(required = false) String agency,
                         @RequestParam(required = false) String text,
                         @RequestParam(required = false) String status,
                         @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "20") int size,
                         @RequestParam(defaultValue = "-lastStep") String sort,
                         WebRequest request) {
        if (page < 0) {
            throw new BadParameterException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadParameterException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        boolean descending = sort.startsWith("-");
        String sortKey = descending ? sort.substring(1) : sort;
        if (!CaseQueries.SORT_COLUMNS.containsKey(sortKey)) {
            throw new BadParameterException("sort", "'" + sort + "' is not one of " + CaseQueries.SORT_COLUMNS.keySet().stream().sorted().toList()
                    + " (prefix '-' for descending)");
        }
        var filter = new CaseQueries.CaseFilter(stage(stage), blankToNull(state), blankToNull(agency), blankToNull(text),
                openOrClosed(status));
        return position.answer(request, "cases", () -> {
            var result = cases.list(filter, sortKey, descending, page, size);
            return new CasePage(result.items(), result.page(), result.size(), result.total());
        });
    }

    @GetMapping("/{caseId}")
    @ApiResponse(responseCode = "200", description = "The case's summary",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CaseSummaryView.class)))
    public ResponseEntity<byte[]> summary(@PathVariable String caseId,
                                          @RequestParam(required = false) Long minVersion,
                                          WebRequest request) {
        CaseVersion version = current(caseId, minVersion);
        // the summary says which deadlines are overdue today: the day is part of what it shows
        LocalDate today = LocalDate.now(clock);
        String etag = "\"case-" + caseId + "-v" + version.version() + "-" + today + "\"";
        if (request.checkNotModified(etag, millis(version))) {
            return null;
        }
        RenderedAnswers.Rendered summary = answers.get("summary/" + caseId + "/" + today, version.version(),
                () -> cases.summary(caseId, today).orElseThrow(() -> new CaseNotFoundException(caseId)), CaseSummaryView::version);
        return withVersion(ResponseEntity.ok(), summary.version(), minVersion).eTag(etag).cacheControl(PublicCaching.READS)
                .contentType(MediaType.APPLICATION_JSON).body(summary.json());
    }

    public record Timeline(String caseId, long version, List<TimelineStep> steps) {
    }

    @GetMapping("/{caseId}/timeline")
    @ApiResponse(responseCode = "200", description = "Every step of the case by occurrence",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Timeline.class)))
    public ResponseEntity<byte[]> timeline(@PathVariable String caseId,
                                           @RequestParam(required = false) Long minVersion,
                                           WebRequest request) {
        CaseVersion version = current(caseId, minVersion);
        String etag = "\"timeline-" + caseId + "-v" + version.version() + "\"";
        if (request.checkNotModified(etag, millis(version))) {
            return null;
        }
        RenderedAnswers.Rendered timeline = answers.get("timeline/" + caseId, version.version(), () -> {
            List<TimelineStep> steps = cases.timeline(caseId);
            return new Timeline(caseId, steps.stream().mapToLong(TimelineStep::sequence).max().orElse(-1), steps);
        }, Timeline::version);
        return withVersion(ResponseEntity.ok(), timeline.version(), minVersion).eTag(etag).cacheControl(PublicCaching.READS)
                .contentType(MediaType.APPLICATION_JSON).body(timeline.json());
    }

    private CaseVersion current(String caseId, Long minVersion) {
        if (!CASE_ID.matcher(caseId).matches()) {
            throw new BadParameterException("caseId", Ids.MESSAGE);
        }
        if (minVersion != null && minVersion < 0) {
            throw new BadParameterException("minVersion", "must be 0 or more");
        }
        return freshness.await(caseId, minVersion).orElseThrow(() -> new CaseNotFoundException(caseId));
    }

    private static ResponseEntity.BodyBuilder withVersion(ResponseEntity.BodyBuilder response, long version, Long minVersion) {
        response.header(VERSION_HEADER, Long.toString(version));
        if (minVersion != null && version < minVersion) {
            response.header(STALE_HEADER, "true");
        }
        return response;
    }

    private static long millis(CaseVersion version) {
        return version.lastRecordedAt() == null ? -1 : version.lastRecordedAt().toEpochMilli();
    }

    private static CaseStage stage(String stage) {
        if (stage == null || stage.isBlank()) {
            return null;
        }
        try {
            return CaseStage.valueOf(stage.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("stage", "'" + stage + "' is not one of " + List.of(CaseStage.values()));
        }
    }

    private static Boolean openOrClosed(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "open" -> true;
            case "closed" -> false;
            default -> throw new BadParameterException("status", "'" + status + "' is neither 'open' nor 'closed'");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(blankToNull(value));
    }
}
