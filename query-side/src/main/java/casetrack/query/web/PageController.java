package casetrack.query.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The pages are static HTML with a little JavaScript over the JSON API (see {@code static/}); these
 * routes give them readable addresses.
 */
@Controller
public class PageController {

    @GetMapping("/cases/{caseId}")
    public String casePage(@PathVariable String caseId) {
        return "forward:/case.html";
    }

    @GetMapping("/dashboard")
    public String dashboard() {
        return "forward:/dashboard.html";
    }

    @GetMapping("/editor")
    public String editor() {
        return "forward:/editor.html";
    }
}
