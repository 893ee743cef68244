package casetrack.query.http;

import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

import casetrack.query.search.SearchQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Full-text search; ETag and Last-Modified are the projections' position, like the case list's. */
@RestController
public class SearchController {

    private static final int MAX_LIMIT = 100;

    private final SearchQueries search;
    private final ProjectionPosition position;

    public SearchController(SearchQueries search, ProjectionPosition position) {
        this.search = search;
        this.position = position;
    }

    @GetMapping("/api/search")
    public ResponseEntity<SearchQueries.SearchResult> search(@RequestParam(required = false) String q,
                                                             @RequestParam(defaultValue = "20") int limit, WebRequest request) {
        String query = CaseController.nonBlank(q).orElseThrow(() -> new BadParameterException("q", "say what to search for"));
        if (query.length() > 500) {
            throw new BadParameterException("q", "must be at most 500 characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadParameterException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return position.answer(request, "search", () -> search.search(query, limit));
    }
}
