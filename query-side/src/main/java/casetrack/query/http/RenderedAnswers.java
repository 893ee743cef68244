package casetrack.query.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Case summaries and timelines as rendered JSON, kept per (kind, case, version, and the day where
 * the answer depends on it). A version names one content for good: projections are deterministic
 * and a step always raises the version, so an entry never needs invalidating, only evicting. Readers
 * who embed a case in a story ask for the same few cases over and over; each full answer then skips
 * reading and parsing the case file and writing the JSON. At most
 * {@code casetrack.query.answer-cache-bytes} (default 64 MiB) of answers are kept, least recently
 * used first out; 0 keeps none.
 */
@Component
public class RenderedAnswers {

    /** An answer and the version of the case it shows. */
    public record Rendered(byte[] json, long version) {
    }

    private final ObjectMapper json;
    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<String, Rendered> answers = new LinkedHashMap<>(256, 0.75f, true);

    public RenderedAnswers(ObjectMapper json, @Value("${casetrack.query.answer-cache-bytes:67108864}") long maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
    }

    /**
     * The answer for {@code key} at {@code version}: from memory, or rendered from {@code read} (which
     * returns the value and the version it actually shows) and kept under that version.
     */
    public <T> Rendered get(String key, long version, Supplier<T> read, java.util.function.ToLongFunction<T> versionOf) {
        String at = key + "@" + version;
        synchronized (this) {
            Rendered kept = answers.get(at);
            if (kept != null) {
                return kept;
            }
        }
        T value = read.get();
        Rendered rendered = new Rendered(write(value), versionOf.applyAsLong(value));
        keep(key + "@" + rendered.version(), rendered);
        return rendered;
    }

    private synchronized void keep(String at, Rendered rendered) {
        if (rendered.json().length > maxBytes / 8) {
            return; // one huge timeline must not push out everything else
        }
        Rendered before = answers.put(at, rendered);
        bytes += rendered.json().length - (before == null ? 0 : before.json().length);
        var eldest = answers.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Rendered> e = eldest.next();
            bytes -= e.getValue().json().length;
            eldest.remove();
        }
    }

    /** How many answers and bytes are kept (for tests and metrics). */
    public synchronized long[] size() {
        return new long[]{answers.size(), bytes};
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the answer", e);
        }
    }
}
