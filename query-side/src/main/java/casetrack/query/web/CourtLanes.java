package casetrack.query.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import casetrack.shared.value.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which court each step of a case happened in, for the timeline's lanes: the court a step names,
 * else the court of the proceeding it belongs to (an appeal's decision sits in the appeal's court),
 * else the court of the step before it. Steps outside any court (the incident, statements) have none.
 */
@RestController
public class CourtLanes {

    private static final Pattern CASE_ID = Pattern.compile(Ids.PATTERN);
    private static final List<String> OUTSIDE_COURT = List.of("CaseOpened", "DefendantAdded", "CaptionChanged",
            "InvestigationOpened", "InvestigationDeclined", "InvestigationClosed", "InvestigationBlocked",
            "EvidenceAccessDisputed", "FederalActionTaken", "PublicStatementMade", "CaseClosed", "CaseReopened",
            "EntryCorrected", "EntryRetracted", "ProsecutionAuthorityChanged");
    private static final List<String> PROCEEDING_KEYS = List.of("appealId", "removalId", "claimId", "hearingId", "trialId",
            "petitionId", "chargeId");
    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    public CourtLanes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Event id to court level (STATE_TRIAL, FEDERAL_DISTRICT, FEDERAL_CIRCUIT, SUPREME_COURT, ...). */
    @GetMapping("/api/cases/{caseId}/lanes")
    public Map<String, String> lanes(@PathVariable String caseId) {
        Map<String, String> lanes = new LinkedHashMap<>();
        if (!CASE_ID.matcher(caseId).matches()) {
            return lanes;
        }
        Map<String, String> proceedingCourts = new HashMap<>();
        String previous = null;
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT event_identifier, payload_type, convert_from(payload, 'UTF8') AS payload
                FROM events.domain_event_entry WHERE aggregate_identifier = :caseId ORDER BY sequence_number""",
                Map.of("caseId", caseId));
        for (Map<String, Object> row : rows) {
            String type = row.get("payload_type").toString();
            type = type.substring(type.lastIndexOf('.') + 1);
            JsonNode payload;
            try {
                payload = json.readTree(row.get("payload").toString());
            } catch (JsonProcessingException e) {
                continue;
            }
            if (OUTSIDE_COURT.contains(type)) {
                continue;
            }
            String level = payload.path("court").path("level").asText(null);
            for (String key : PROCEEDING_KEYS) {
                String id = payload.path(key).asText(null);
                if (id == null) {
                    continue;
                }
                if (level != null) {
                    proceedingCourts.putIfAbsent(key + ":" + id, level);
                } else {
                    level = proceedingCourts.get(key + ":" + id);
                }
            }
            if (level == null && payload.path("proceeding").has("id")) {
                level = proceedingCourts.get(payload.path("proceeding").path("kind").asText().toLowerCase() + ":"
                        + payload.path("proceeding").path("id").asText());
            }
            if (level == null) {
                level = previous;
            }
            if (level != null) {
                lanes.put(row.get("event_identifier").toString(), level);
                previous = level;
            }
        }
        return lanes;
    }
}
