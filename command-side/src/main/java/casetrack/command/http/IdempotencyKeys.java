package casetrack.command.http;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Remembers the answer to each request sent with an {@code Idempotency-Key}. Claiming a key inserts
 * its row inside the request's transaction: a concurrent request with the same key waits on that row
 * and then sees the first answer; a failed request rolls the key back so the client may retry.
 */
@Component
public class IdempotencyKeys {

    public record StoredAnswer(String requestHash, int status, String response) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for this request; answers the earlier request's answer if the key was used. */
    public Optional<StoredAnswer> claim(String key, String requestHash, String caseId) {
        int inserted = jdbc.update("""
                INSERT INTO command.idempotency_key (idempotency_key, request_hash, case_id, http_status, response)
                VALUES (?, ?, ?, 0, '') ON CONFLICT (idempotency_key) DO NOTHING""", key, requestHash, caseId);
        if (inserted == 1) {
            return Optional.empty();
        }
        List<StoredAnswer> earlier = jdbc.query(
                "SELECT request_hash, http_status, response FROM command.idempotency_key WHERE idempotency_key = ?",
                (rs, i) -> new StoredAnswer(rs.getString(1), rs.getInt(2), rs.getString(3)), key);
        return earlier.stream().findFirst();
    }

    public void remember(String key, int status, String response) {
        jdbc.update("UPDATE command.idempotency_key SET http_status = ?, response = ? WHERE idempotency_key = ?",
                status, response, key);
    }
}
