package casetrack.query.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import casetrack.query.cases.CaseQueries;
import casetrack.query.cases.CaseSummaryView;
import casetrack.query.cases.TimelineStep;
import casetrack.shared.value.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's timeline for publication: CSV (one row a step, its sources in one cell), JSON (the
 * timeline with the case's header) and Markdown (ready to paste into a story, sources as footnotes).
 * Retracted steps are left out of CSV and Markdown; corrected steps show their corrected date and say so.
 * Steps come in {@link ReadingOrder}.
 */
@RestController
public class TimelineExports {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    private static final Pattern CASE_ID = Pattern.compile(Ids.PATTERN);

    private final CaseQueries cases;

    public TimelineExports(CaseQueries cases) {
        this.cases = cases;
    }

    public record CaseExport(String caseId, String title, String state, String agency, String stage,
                             Instant exportedAt, List<TimelineStep> steps) {
    }

    @GetMapping(path = "/api/cases/{caseId}/export.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> json(@PathVariable String caseId) {
        CaseSummaryView summary = find(caseId);
        if (summary == null) {
            return notFound(caseId);
        }
        return download(caseId, "json", MediaType.APPLICATION_JSON).body(new CaseExport(caseId, summary.title(),
                summary.state(), summary.agency(), summary.stage().name(), Instant.now(), ReadingOrder.of(cases.timeline(caseId))));
    }

    @GetMapping(path = "/api/cases/{caseId}/export.csv")
    public ResponseEntity<?> csv(@PathVariable String caseId) {
        CaseSummaryView summary = find(caseId);
        if (summary == null) {
            return notFound(caseId);
        }
        StringBuilder csv = new StringBuilder("date,precision,step,summary,note,date_conflict,corrected,sources\r\n");
        for (TimelineStep s : published(caseId)) {
            csv.append(String.join(",", cell(s.occurredOn()), cell(s.precision()), cell(s.type()), cell(s.summary()),
                    cell(s.note()), cell(s.dateConflict()), cell(s.corrected() ? "corrected: " + s.correction().reason() : ""),
                    cell(String.join(" ", urls(s.sources()))))).append("\r\n");
        }
        return download(caseId, "csv", CSV).body(csv.toString());
    }

    @GetMapping(path = "/api/cases/{caseId}/export.md")
    public ResponseEntity<?> markdown(@PathVariable String caseId) {
        CaseSummaryView summary = find(caseId);
        if (summary == null) {
            return notFound(caseId);
        }
        StringBuilder md = new StringBuilder("## ").append(summary.title()).append("\n\n");
        md.append(summary.agency()).append(", ").append(summary.state()).append(". Stage: ")
                .append(summary.stage().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(".\n\n");
        Map<String, Integer> footnotes = new LinkedHashMap<>();
        Map<String, String> footnoteText = new LinkedHashMap<>();
        for (TimelineStep s : published(caseId)) {
            md.append("- **").append(DatesInWords.of(s.occurredOn())).append("** — ").append(escape(s.summary()));
            if (s.note() != null) {
                md.append(" (").append(escape(s.note())).append(')');
            }
            if (s.dateConflict() != null) {
                md.append(". Sources differ on the date: ").append(escape(s.dateConflict())).append('.');
            }
            if (s.corrected()) {
                md.append(" *Corrected")
                        .append(s.correction().originalOccurredOn() == null ? "" : "; first recorded as "
                                + DatesInWords.of(s.correction().originalOccurredOn()))
                        .append(".*");
            }
            for (JsonNode source : s.sources()) {
                String url = source.path("url").asText();
                int n = footnotes.computeIfAbsent(url, u -> footnotes.size() + 1);
                footnoteText.putIfAbsent(url, describe(source));
                md.append("[^").append(n).append(']');
            }
            md.append('\n');
        }
        md.append('\n');
        footnotes.forEach((url, n) -> md.append("[^").append(n).append("]: ").append(footnoteText.get(url)).append('\n'));
        return download(caseId, "md", MARKDOWN).body(md.toString());
    }

    private List<TimelineStep> published(String caseId) {
        return ReadingOrder.of(cases.timeline(caseId)).stream().filter(s -> !s.retracted()).toList();
    }

    private CaseSummaryView find(String caseId) {
        return CASE_ID.matcher(caseId).matches() ? cases.summary(caseId).orElse(null) : null;
    }

    static ResponseEntity<ProblemDetail> notFound(String caseId) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No case \"" + caseId + "\" is in the record.");
        p.setTitle("No such case");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static ResponseEntity.BodyBuilder download(String caseId, String extension, MediaType type) {
        return ResponseEntity.ok().contentType(type).header(HttpHeaders.CONTENT_DISPOSITION,
                "inline; filename=\"" + caseId + "-timeline." + extension + "\"");
    }

    static List<String> urls(JsonNode sources) {
        List<String> urls = new ArrayList<>();
        if (sources != null) {
            sources.forEach(s -> urls.add(s.path("url").asText()));
        }
        return urls;
    }

    private static String describe(JsonNode source) {
        List<String> parts = new ArrayList<>();
        if (source.hasNonNull("title")) {
            parts.add("\"" + escape(source.get("title").asText()) + "\"");
        }
        if (source.hasNonNull("publisher")) {
            parts.add(escape(source.get("publisher").asText()));
        }
        if (source.hasNonNull("publishedOn")) {
            parts.add(DatesInWords.of(source.get("publishedOn").asText()));
        }
        parts.add("<" + source.path("url").asText() + ">");
        return String.join(", ", parts);
    }

    /** Spreadsheet-safe: quoted, quotes doubled, and a leading = + - @ defused so no cell runs as a formula. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String escape(String text) {
        return text.replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]");
    }

    /** "12 Jan 1998", "Aug 1997", "1904": a date as precise as the record knows it, no more. */
    static final class DatesInWords {
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
        private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

        static String of(String partial) {
            if (partial == null) {
                return "";
            }
            return switch (partial.length()) {
                case 10 -> LocalDate.parse(partial).format(DAY);
                case 7 -> LocalDate.parse(partial + "-01").format(MONTH);
                default -> partial;
            };
        }
    }
}
