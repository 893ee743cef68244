package casetrack.query.cases;

import java.util.List;
import java.util.stream.Collectors;

import casetrack.shared.event.*;
import casetrack.shared.value.ChargeCount;
import casetrack.shared.value.Court;
import casetrack.shared.value.CourtLevel;

/** One line in plain words for every kind of step, as the timeline and the summary show it. */
public final class StepSummaries {

    private StepSummaries() {
    }

    public static String describe(CaseEvent event, CaseDirectory names) {
        if (event instanceof CaseOpened e) {
            return "Case opened: " + e.title() + (e.incident() == null ? "" : " — " + e.incident());
        } else if (event instanceof DefendantAdded e) {
            return "Defendant added: " + e.defendant().name()
                    + (e.defendant().agency() == null ? "" : " (" + e.defendant().agency() + ")");
        } else if (event instanceof CaptionChanged e) {
            return "Caption changed to " + e.title();
        } else if (event instanceof InvestigationOpened e) {
            return "Investigation opened by " + e.conductedBy() + " into " + subject(e.subject().name(), e.subjectDescription());
        } else if (event instanceof InvestigationDeclined e) {
            return e.declinedBy() + " declined to investigate" + (e.reason() == null ? "" : ": " + e.reason());
        } else if (event instanceof InvestigationClosed e) {
            return "Investigation " + e.investigationId() + " closed" + (e.result() == null ? "" : ": " + e.result());
        } else if (event instanceof InvestigationBlocked e) {
            return "Investigation " + e.investigationId() + " blocked by " + e.blockedBy() + (e.how() == null ? "" : " (" + e.how() + ")");
        } else if (event instanceof EvidenceAccessDisputed e) {
            return e.withheldBy() + " withheld evidence from " + e.requestedBy() + (e.evidence() == null ? "" : ": " + e.evidence());
        } else if (event instanceof StateChargeFiled e) {
            return "State charge filed: " + counts(e.counts()) + " against " + names.defendantNames(e.defendantIds())
                    + in(e.court());
        } else if (event instanceof ChargesAmended e) {
            return "Charge amended: now " + counts(e.counts());
        } else if (event instanceof DefendantTakenIntoCustody e) {
            return names.defendantNames(e.defendantIds()) + (e.kind().name().equals("ARREST") ? " arrested" : " surrendered")
                    + (e.custodian() == null ? "" : " to " + e.custodian());
        } else if (event instanceof DefendantArraigned e) {
            return names.defendantNames(e.defendantIds()) + " arraigned" + in(e.court())
                    + (e.plea() == null ? "" : "; plea: " + e.plea());
        } else if (event instanceof RemovalNoticeFiled e) {
            return "Notice of removal filed" + in(e.court()) + docket(e.docketNumber()) + " for "
                    + names.defendantNames(e.defendantIds())
                    + (e.filedBy().name().equals("UNITED_STATES") ? " by the United States" : "")
                    + (e.flags() == null || e.flags().isEmpty() ? "" : " — flagged " + flags(e.flags()));
        } else if (event instanceof RemovalAllowed e) {
            return "Removal allowed: " + names.removalCourt(e.removalId()) + " takes the case";
        } else if (event instanceof CaseRemanded e) {
            return "Case remanded to state court by " + names.removalCourt(e.removalId())
                    + (e.manner().name().equals("SUMMARY") ? " (summarily)" : " after a hearing");
        } else if (event instanceof ImmunityAsserted e) {
            return "Supremacy Clause immunity asserted by " + names.defendantNames(e.defendantIds())
                    + (e.route().name().equals("HABEAS_CORPUS") ? " by petition for habeas corpus" : " by motion to dismiss")
                    + in(e.court());
        } else if (event instanceof ImmunityRuledOn e) {
            return "Immunity " + e.outcome().name().toLowerCase()
                    + (e.judge() == null ? "" : " by " + e.judge())
                    + (e.prejudice() == null ? "" : ", " + e.prejudice().name().toLowerCase().replace('_', ' '))
                    + (e.citation() == null ? "" : " (" + e.citation() + ")")
                    + (e.afterVerdict() ? ", after the verdict" : "");
        } else if (event instanceof HearingScheduled e) {
            return words(e.kind().name()) + " hearing scheduled for " + e.scheduledFor() + in(e.court());
        } else if (event instanceof HearingHeld e) {
            return words(e.kind().name()) + " hearing held" + in(e.court()) + (e.outcome() == null ? "" : ": " + e.outcome());
        } else if (event instanceof HearingPostponed e) {
            return "Hearing " + e.hearingId() + " postponed to " + e.newDate();
        } else if (event instanceof HearingVacated e) {
            return "Hearing " + e.hearingId() + " vacated";
        } else if (event instanceof AppealFiled e) {
            return words(e.appellant().name()) + " appealed the " + words(e.decision().kind().name()) + in(e.court())
                    + docket(e.docketNumber());
        } else if (event instanceof AmicusBriefFiled e) {
            return "Amicus brief filed by " + e.amicus() + " supporting the " + words(e.supporting().name());
        } else if (event instanceof AppealDecided e) {
            return names.appealCourt(e.appealId()) + bench(names, e)
                    + words(e.outcome().name()) + votes(e.votesFor(), e.votesAgainst())
                    + (e.citation() == null ? "" : ", " + e.citation());
        } else if (event instanceof RehearingEnBancPetitioned e) {
            return words(e.petitioner().name()) + " petitioned for rehearing en banc in " + names.appealCourt(e.appealId());
        } else if (event instanceof RehearingEnBancDecided e) {
            return "Rehearing en banc " + (e.granted() ? "granted" : "denied") + " by " + names.appealCourt(e.appealId());
        } else if (event instanceof CertiorariPetitioned e) {
            return words(e.petitioner().name()) + " petitioned the Supreme Court for certiorari" + docket(e.docketNumber());
        } else if (event instanceof CertiorariDecided e) {
            return "Certiorari " + (e.granted() ? "granted" : "denied");
        } else if (event instanceof SupremeCourtCaseDecided e) {
            return "Supreme Court " + words(e.outcome().name()) + votes(e.votesFor(), e.votesAgainst())
                    + (e.citation() == null ? "" : ", " + e.citation());
        } else if (event instanceof ProsecutionAuthorityChanged e) {
            return "Prosecution taken over by " + (e.prosecutor() == null ? "" : e.prosecutor() + ", ") + e.office()
                    + " (" + words(e.reason().name()) + ")";
        } else if (event instanceof TrialStarted e) {
            return (e.jury() ? "Jury trial" : "Bench trial") + " of " + names.defendantNames(e.defendantIds()) + " started" + in(e.court());
        } else if (event instanceof VerdictReturned e) {
            return "Verdict: " + words(e.outcome().name())
                    + (e.flags() == null || e.flags().isEmpty() ? "" : " — flagged " + flags(e.flags()));
        } else if (event instanceof SentenceImposed e) {
            return names.defendantName(e.defendantId()) + " sentenced: " + e.sentence();
        } else if (event instanceof ChargesDismissed e) {
            String which = e.chargeIds() == null || e.chargeIds().isEmpty() ? "all charges"
                    : e.chargeIds().stream().map(names::chargeLabel).collect(Collectors.joining("; "));
            return "Charges dismissed: " + which + " (" + words(e.reason().name())
                    + (e.prejudice() == null ? "" : ", " + words(e.prejudice().name())) + ")"
                    + (e.dismissedBy() == null ? "" : " by " + e.dismissedBy());
        } else if (event instanceof DecisionsVacatedAsMoot e) {
            return "Decisions vacated as moot" + in(e.court());
        } else if (event instanceof FederalActionTaken e) {
            return "Federal " + words(e.kind().name()) + " by " + e.takenBy()
                    + (e.targets() == null || e.targets().isEmpty() ? "" : " against " + String.join(", ", e.targets()))
                    + (e.description() == null ? "" : ": " + e.description());
        } else if (event instanceof PublicStatementMade e) {
            return e.speaker() + (e.role() == null ? "" : " (" + e.role() + ")") + ": “" + e.quote() + "”";
        } else if (event instanceof CaseClosed e) {
            return "Case closed: " + words(e.outcome().name());
        } else if (event instanceof CaseReopened e) {
            return "Case reopened" + (e.reason() == null ? "" : ": " + e.reason());
        } else if (event instanceof EntryCorrected e) {
            return "Entry corrected: " + e.reason();
        } else if (event instanceof EntryRetracted e) {
            return "Entry retracted: " + e.reason();
        }
        return event.getClass().getSimpleName();
    }

    /** "en banc", "panel" — but the Supreme Court sits as one court, so nothing is said of its bench. */
    private static String bench(CaseDirectory names, AppealDecided e) {
        if (names.appealCourtLevel(e.appealId()) == CourtLevel.SUPREME_COURT) {
            return " ";
        }
        return e.bench() != null && e.bench().name().equals("EN_BANC") ? " en banc " : " panel ";
    }

    private static String counts(List<ChargeCount> counts) {
        if (counts == null || counts.isEmpty()) {
            return "no counts";
        }
        return counts.stream().map(c -> c.description() + " (" + c.statute() + ")").collect(Collectors.joining("; "));
    }

    private static String in(Court court) {
        return court == null ? "" : " in " + court.name();
    }

    private static String docket(String docket) {
        return docket == null ? "" : ", docket " + docket;
    }

    private static String votes(Integer votesFor, Integer votesAgainst) {
        return votesFor == null || votesAgainst == null ? "" : " " + votesFor + "–" + votesAgainst;
    }

    private static String flags(List<?> flags) {
        return flags.stream().map(f -> words(f.toString())).collect(Collectors.joining(", "));
    }

    private static String subject(String kind, String description) {
        return description == null ? words(kind) : description;
    }

    /** IMMUNITY_RULING → "immunity ruling". */
    static String words(String constant) {
        return constant.toLowerCase().replace('_', ' ');
    }
}
