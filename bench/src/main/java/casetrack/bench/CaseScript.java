package casetrack.bench;

/**
 * The realistic mix: one fictional case walked through the procedure, the way a newsroom records
 * it — opened, charged, arraigned, removed, immunity asserted, hearings, a ruling, statements, an
 * appeal and its decision — then the next case. Each cursor is one case and is only ever used by
 * one request at a time, so the mix measures recording, not write conflicts.
 */
public final class CaseScript {

    public record Step(String name, String path, String body) {
    }

    static final String SOURCES = "\"sources\":[{\"url\":\"https://example.org/fictional/bench-docket\","
            + "\"title\":\"Fictional docket for the casetrack benchmark\",\"publisher\":\"Example Gazette (fictional)\"}]";
    static final String STATE_COURT = "{\"level\":\"STATE_TRIAL\",\"name\":\"Example County District Court (fictional)\"}";
    static final String DISTRICT = "{\"level\":\"FEDERAL_DISTRICT\",\"name\":\"U.S. District Court for the District of Example (fictional)\"}";
    static final String CIRCUIT = "{\"level\":\"FEDERAL_CIRCUIT\",\"name\":\"U.S. Court of Appeals for the Example Circuit (fictional)\"}";

    /** The names of the steps, in order; a case cursor walks them and then starts a new case. */
    public static final String[] STEPS = {"OpenCase", "FileStateCharge", "ArraignDefendant", "RemoveToFederalCourt",
            "RecordPublicStatement", "AssertImmunity", "ScheduleHearing", "HoldHearing", "RuleOnImmunity",
            "RecordPublicStatement", "FileAppeal", "ScheduleHearing", "DecideAppeal", "RecordPublicStatement"};

    public static String openCase(String caseId) {
        return "{\"caseId\":\"" + caseId + "\",\"title\":\"State v. Bench " + caseId + " (fictional benchmark case)\","
                + "\"state\":\"MN\",\"agency\":\"ICE\",\"place\":\"a fictional street in Example City\","
                + "\"incident\":\"Fictional: a federal officer shoots a driver during a traffic stop (benchmark data).\","
                + "\"victims\":[\"R. Roe (fictional)\"],"
                + "\"defendants\":[{\"defendantId\":\"doe\",\"name\":\"J. Doe (fictional)\",\"agency\":\"ICE\",\"role\":\"deportation officer\"}],"
                + "\"occurredOn\":\"2024-01-07\"," + SOURCES + "}";
    }

    public static String publicStatement(int n) {
        return "{\"speaker\":\"A. Spokesperson (fictional)\",\"role\":\"county attorney\",\"medium\":\"press conference\","
                + "\"quote\":\"Fictional statement number " + n + ": we will follow the facts and the law wherever they lead, "
                + "and the public will be told what the court decides.\",\"occurredOn\":\"2024-03-01\"," + SOURCES + "}";
    }

    /** The body of step {@code index} of a case. */
    public static Step step(String caseId, int index) {
        String name = STEPS[index];
        String path = "/api/cases/" + caseId + "/commands/" + name;
        String body = switch (index) {
            case 0 -> null;
            case 1 -> "{\"chargeId\":\"murder-2\",\"defendantIds\":[\"doe\"],\"instrument\":\"COMPLAINT\","
                    + "\"filedBy\":\"Example County Attorney (fictional)\",\"court\":" + STATE_COURT + ","
                    + "\"docketNumber\":\"27-CR-24-0001\",\"counts\":[{\"number\":1,\"statute\":\"Example Stat. 609.19\","
                    + "\"description\":\"second-degree murder\",\"grade\":\"FELONY\"}],\"occurredOn\":\"2024-02-03\"," + SOURCES + "}";
            case 2 -> "{\"defendantIds\":[\"doe\"],\"court\":" + STATE_COURT + ",\"plea\":\"not guilty\",\"occurredOn\":\"2024-02-10\"," + SOURCES + "}";
            case 3 -> "{\"removalId\":\"removal-1\",\"defendantIds\":[\"doe\"],\"filedBy\":\"UNITED_STATES\",\"court\":" + DISTRICT + ","
                    + "\"docketNumber\":\"0:24-cr-00001\",\"occurredOn\":\"2024-03-04\"," + SOURCES + "}";
            case 4, 9, 13 -> publicStatement(index);
            case 5 -> "{\"claimId\":\"supremacy-clause\",\"defendantIds\":[\"doe\"],\"route\":\"MOTION_TO_DISMISS\",\"court\":" + DISTRICT + ","
                    + "\"occurredOn\":\"2024-03-20\"," + SOURCES + "}";
            case 6 -> "{\"hearingId\":\"immunity-hearing\",\"kind\":\"IMMUNITY\",\"proceeding\":{\"kind\":\"IMMUNITY_CLAIM\",\"id\":\"supremacy-clause\"},"
                    + "\"court\":" + DISTRICT + ",\"scheduledFor\":\"2024-04-15\",\"occurredOn\":\"2024-03-25\"," + SOURCES + "}";
            case 7 -> "{\"hearingId\":\"immunity-hearing\",\"kind\":\"IMMUNITY\",\"proceeding\":{\"kind\":\"IMMUNITY_CLAIM\",\"id\":\"supremacy-clause\"},"
                    + "\"court\":" + DISTRICT + ",\"outcome\":\"evidentiary hearing held (fictional)\",\"occurredOn\":\"2024-04-15\"," + SOURCES + "}";
            case 8 -> "{\"claimId\":\"supremacy-clause\",\"outcome\":\"DENIED\",\"judge\":\"Judge E. Example (fictional)\",\"occurredOn\":\"2024-05-14\"," + SOURCES + "}";
            case 10 -> "{\"appealId\":\"circuit-appeal\",\"appellant\":\"DEFENDANT\",\"court\":" + CIRCUIT + ","
                    + "\"decision\":{\"kind\":\"IMMUNITY_RULING\",\"id\":\"supremacy-clause\"},\"occurredOn\":\"2024-06-01\"," + SOURCES + "}";
            case 11 -> "{\"hearingId\":\"appeal-argument\",\"kind\":\"ARGUMENT\",\"proceeding\":{\"kind\":\"APPEAL\",\"id\":\"circuit-appeal\"},"
                    + "\"court\":" + CIRCUIT + ",\"scheduledFor\":\"2024-09-10\",\"occurredOn\":\"2024-06-20\"," + SOURCES + "}";
            case 12 -> "{\"appealId\":\"circuit-appeal\",\"bench\":\"PANEL\",\"outcome\":\"AFFIRMED\",\"votesFor\":2,\"votesAgainst\":1,"
                    + "\"occurredOn\":\"2024-10-14\"," + SOURCES + "}";
            default -> throw new IllegalArgumentException("no step " + index);
        };
        if (index == 0) {
            return new Step(name, "/api/cases", openCase(caseId));
        }
        return new Step(name, path, body);
    }

    /** A case in progress: its id and the next step to record. */
    public static final class Cursor {
        private final String prefix;
        private int caseNumber = -1;
        private int next = STEPS.length;
        String caseId;

        public Cursor(String prefix) {
            this.prefix = prefix;
        }

        public Step next() {
            if (next == STEPS.length) {
                caseNumber++;
                caseId = prefix + "-" + caseNumber;
                next = 0;
            }
            return step(caseId, next++);
        }

        /** After a failed step, start a fresh case rather than go on with a broken one. */
        public void abandon() {
            next = STEPS.length;
        }

        public String caseId() {
            return caseId;
        }
    }
}
