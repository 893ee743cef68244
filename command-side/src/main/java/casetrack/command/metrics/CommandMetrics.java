package casetrack.command.metrics;

import casetrack.shared.command.CommandCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code casetrack_commands_seconds{command, outcome}}: every command posted over HTTP, by command
 * name (unknown names count as {@code unknown}, so a client cannot grow the series) and outcome
 * ({@code recorded}, {@code refused} for 4xx, {@code unavailable} for 503, {@code failed} for other 5xx),
 * with a latency histogram for p50/p99. Measured around the whole request, as a client sees it.
 */
@Component
public class CommandMetrics extends OncePerRequestFilter {

    public static final String COMMANDS = "casetrack.commands";
    private static final String CASES = "/api/cases/";
    private static final String COMMANDS_SEGMENT = "/commands/";
    private static final Set<String> NAMES = Set.copyOf(CommandCatalog.names());

    private final MeterRegistry registry;
    /** One timer per (command, outcome), found without building a meter id on every request. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/cases");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String command = commandOf(request.getRequestURI());
            String outcome = outcomeOf(response.getStatus());
            timers.computeIfAbsent(command + ' ' + outcome, k -> Timer.builder(COMMANDS)
                            .description("Commands posted over HTTP, by command name and outcome")
                            .tag("command", command)
                            .tag("outcome", outcome)
                            .publishPercentileHistogram()
                            .register(registry))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    static String commandOf(String uri) {
        if (uri.equals("/api/cases") || uri.equals("/api/cases/")) {
            return "OpenCase";
        }
        // /api/cases/{caseId}/commands/{name}: a non-empty case id, then a known name other than OpenCase
        int commands = uri.indexOf(COMMANDS_SEGMENT, CASES.length());
        if (!uri.startsWith(CASES) || commands <= CASES.length() || uri.indexOf('/', CASES.length()) != commands) {
            return "unknown";
        }
        String name = uri.substring(commands + COMMANDS_SEGMENT.length());
        return NAMES.contains(name) && !name.equals("OpenCase") ? name : "unknown";
    }

    static String outcomeOf(int status) {
        if (status < 400) {
            return "recorded";
        }
        if (status == 503) {
            return "unavailable";
        }
        return status < 500 ? "refused" : "failed";
    }
}
