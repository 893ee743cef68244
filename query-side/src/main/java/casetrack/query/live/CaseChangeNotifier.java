package casetrack.query.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import casetrack.query.store.BatchWrite;

import casetrack.shared.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Announces a changed case through PostgreSQL NOTIFY inside the projection's transaction, so the
 * announcement goes out exactly when the rows commit, and every query node hears it, whichever
 * node processed the step.
 */
@Component
public class CaseChangeNotifier {

    public static final String CHANNEL = "casetrack_case_changed";
    private static final ObjectMapper JSON = EventJson.newMapper();

    /** One notice for each change, in this order, as one statement of a batch's write. */
    public BatchWrite.Part notices(List<CaseChange> changes) {
        String[] payloads = new String[changes.size()];
        for (int i = 0; i < payloads.length; i++) {
            try {
                payloads[i] = JSON.writeValueAsString(changes.get(i));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new BatchWrite.Part() {
            @Override
            public String sql() {
                return "SELECT pg_notify(?, payload) FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS n(payload, position) ORDER BY position";
            }

            @Override
            public boolean genericPlan() {
                return true;
            }

            @Override
            public Object[] parameters(Connection connection) throws SQLException {
                return new Object[]{CHANNEL, BatchWrite.array(connection, "text", payloads)};
            }
        };
    }
}
