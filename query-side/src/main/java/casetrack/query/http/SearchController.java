package casetrack.query.http;

import casetrack.query.search.SearchQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SearchController {

    private static final int MAX_LIMIT = 100;

    private final SearchQueries search;

    public SearchController(SearchQueries search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    public SearchQueries.SearchResult search(@RequestParam(required = false) String q,
                                             @RequestParam(defaultValue = "20") int limit) {
        String query = CaseController.nonBlank(q).orElseThrow(() -> new BadParameterException("q", "say what to search for"));
        if (query.length() > 500) {
            throw new BadParameterException("q", "must be at most 500 characters");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadParameterException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return search.search(query, limit);
    }
}
