package casetrack.query.support;

import java.time.LocalDate;
import java.util.List;

import casetrack.shared.event.*;
import casetrack.shared.value.*;

/** Events of a case built the way the command side records them, with plausible sources. */
public final class Steps {

    public static final Court BOUNDARY_COUNTY = new Court(CourtLevel.STATE_TRIAL, "Boundary County District Court");
    public static final Court D_IDAHO = new Court(CourtLevel.FEDERAL_DISTRICT, "U.S. District Court for the District of Idaho");
    public static final Court NINTH_CIRCUIT = new Court(CourtLevel.FEDERAL_CIRCUIT, "U.S. Court of Appeals for the Ninth Circuit");

    private Steps() {
    }

    public static PartialDate on(String date) {
        return PartialDate.parse(date);
    }

    public static List<Source> source(String url) {
        return List.of(new Source(url, null, "Associated Press", null));
    }

    private static final List<Source> AP = source("https://apnews.com/7e3b606482c03d850c54847227ef2aec");

    public static CaseOpened opened(String caseId, String title, String state, String agency, String defendantId,
                                    String defendantName, String date) {
        return new CaseOpened(caseId, title, state, agency, "Ruby Ridge, Idaho",
                "An FBI sniper's shot kills Vicki Weaver", List.of("Vicki Weaver"),
                List.of(new Defendant(defendantId, defendantName, agency, "sniper")), on(date), AP, null, null);
    }

    public static StateChargeFiled charged(String caseId, String chargeId, String date) {
        return new StateChargeFiled(caseId, chargeId, List.of(), ChargingInstrument.COMPLAINT,
                "Boundary County Prosecutor Denise Woodbury", BOUNDARY_COUNTY, "CR-97-1",
                List.of(new ChargeCount(1, "Idaho Code 18-4006", "involuntary manslaughter", OffenseGrade.FELONY)),
                on(date), AP, null, null);
    }

    public static HearingHeld hearingHeld(String caseId, String hearingId, HearingKind kind, Proceeding proceeding,
                                          Court court, String outcome, String date) {
        return new HearingHeld(caseId, hearingId, kind, proceeding, court, outcome, on(date), AP, null, null);
    }

    public static HearingScheduled hearingScheduled(String caseId, String hearingId, HearingKind kind, Proceeding proceeding,
                                                    Court court, LocalDate scheduledFor, String date) {
        return new HearingScheduled(caseId, hearingId, kind, proceeding, court, scheduledFor, on(date), AP, null, null);
    }

    public static DefendantArraigned arraigned(String caseId, String date) {
        return new DefendantArraigned(caseId, List.of(), BOUNDARY_COUNTY, "not guilty", on(date), AP, null, null);
    }

    public static RemovalNoticeFiled removalNotice(String caseId, String removalId, List<LegalFlag> flags, String date) {
        return new RemovalNoticeFiled(caseId, removalId, List.of(), RemovalFiler.DEFENDANT, D_IDAHO, "CR 97-097-N-EJL",
                null, flags, on(date), AP, null, null);
    }

    public static RemovalAllowed removalAllowed(String caseId, String removalId, String date, String conflict) {
        return new RemovalAllowed(caseId, removalId, on(date), AP, null, conflict);
    }

    public static ImmunityAsserted immunityAsserted(String caseId, String claimId, String date) {
        return new ImmunityAsserted(caseId, claimId, List.of(), ImmunityRoute.MOTION_TO_DISMISS, D_IDAHO,
                "CR 97-097-N-EJL", on(date), AP, null, null);
    }

    public static ImmunityRuledOn immunityRuled(String caseId, String claimId, ImmunityOutcome outcome, String date) {
        return new ImmunityRuledOn(caseId, claimId, outcome, Prejudice.WITH_PREJUDICE, "Judge Edward Lodge", null, false,
                on(date), AP, null, null);
    }

    public static AppealFiled appealFiled(String caseId, String appealId, String claimId, String date) {
        return new AppealFiled(caseId, appealId, Party.STATE, NINTH_CIRCUIT, "98-30149",
                new DecisionRef(DecisionKind.IMMUNITY_RULING, claimId), on(date), AP, null, null);
    }

    public static AppealDecided appealDecided(String caseId, String appealId, Bench bench, AppealOutcome outcome,
                                              int votesFor, int votesAgainst, String citation, String date) {
        return new AppealDecided(caseId, appealId, bench, outcome, votesFor, votesAgainst, citation, on(date), AP, null, null);
    }

    public static RehearingEnBancPetitioned rehearingPetitioned(String caseId, String appealId, String date) {
        return new RehearingEnBancPetitioned(caseId, appealId, Party.STATE, on(date), AP, null, null);
    }

    public static RehearingEnBancDecided rehearingDecided(String caseId, String appealId, boolean granted, String date) {
        return new RehearingEnBancDecided(caseId, appealId, granted, on(date), AP, null, null);
    }

    public static ProsecutionAuthorityChanged prosecutionChanged(String caseId, String date) {
        return new ProsecutionAuthorityChanged(caseId, "Boundary County Prosecutor", "Brett Benson",
                ProsecutionChangeReason.ELECTION, on(date), AP, null, null);
    }

    public static ChargesDismissed dismissed(String caseId, String chargeId, String date) {
        return new ChargesDismissed(caseId, List.of(chargeId), DismissalReason.DROPPED_BY_PROSECUTOR,
                Prejudice.WITH_PREJUDICE, "Judge Edward Lodge", on(date), AP, null, null);
    }

    public static DecisionsVacatedAsMoot vacatedAsMoot(String caseId, String appealId, String date) {
        return new DecisionsVacatedAsMoot(caseId, List.of(appealId), NINTH_CIRCUIT, on(date), AP, null, null);
    }

    public static CaseClosed closed(String caseId, CaseOutcome outcome, String date) {
        return new CaseClosed(caseId, outcome, on(date), AP, null, null);
    }

    public static PublicStatementMade statement(String caseId, String speaker, String quote, String date) {
        return new PublicStatementMade(caseId, speaker, "spokesman", quote, "press release", on(date), AP, null, null);
    }

    public static EntryCorrected corrected(String caseId, String entryId, String reason, String newDate, List<Source> newSources,
                                           String newNote, String date) {
        return new EntryCorrected(caseId, entryId, reason, newDate == null ? null : on(newDate), newSources, newNote,
                on(date), AP, null, null);
    }

    public static EntryRetracted retracted(String caseId, String entryId, String reason, String date) {
        return new EntryRetracted(caseId, entryId, reason, on(date), AP, null, null);
    }
}
