package casetrack.command.cases;

import casetrack.shared.command.*;
import casetrack.shared.event.*;
import casetrack.shared.value.*;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.CustomMatcher;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.util.Arrays;
import java.util.List;

/**
 * Short builders for the commands and events of one case ({@link #CASE}), so that each test reads as
 * given / when / expect. Dates are ISO strings ("1998", "1998-05", "1998-05-14"). Defaults: one
 * defendant "d1", incident on 1992-08-22, one source, no note.
 */
final class CaseSteps {

    static final String CASE = "idaho-v-horiuchi";
    static final String INCIDENT = "1992-08-22";
    static final List<Source> SOURCES = List.of(new Source("https://example.org/record", "The record", "Example", null));
    static final Court STATE_COURT = new Court(CourtLevel.STATE_TRIAL, "Boundary County District Court");
    static final Court DISTRICT_COURT = new Court(CourtLevel.FEDERAL_DISTRICT, "U.S. District Court for the District of Idaho");
    static final Court CIRCUIT = new Court(CourtLevel.FEDERAL_CIRCUIT, "U.S. Court of Appeals for the Ninth Circuit");
    static final Court SUPREME_COURT = new Court(CourtLevel.SUPREME_COURT, "Supreme Court of the United States");
    static final List<ChargeCount> COUNTS = List.of(
            new ChargeCount(1, "Idaho Code 18-4006(2)", "involuntary manslaughter", OffenseGrade.FELONY));

    private CaseSteps() {
    }

    static PartialDate date(String text) {
        return PartialDate.parse(text);
    }

    static Defendant defendant(String id) {
        return new Defendant(id, "Officer " + id, "FBI", "sniper");
    }

    static List<String> ids(String... ids) {
        return List.of(ids);
    }

    static Proceeding proceeding(ProceedingKind kind, String id) {
        return new Proceeding(kind, id);
    }

    static DecisionRef decision(DecisionKind kind, String id) {
        return new DecisionRef(kind, id);
    }

    static CountFinding finding(String chargeId, String defendantId, Finding finding) {
        return new CountFinding(chargeId, 1, defendantId, finding);
    }

    /** Matches a {@link RuleViolation} by its rule name. */
    static Matcher<RuleViolation> violating(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return rule.equals(violation.rule());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation of rule ").appendValue(rule);
            }
        };
    }

    /** Matches a {@link CommandResult} of this case with the given version and number of event ids. */
    static Matcher<Object> result(long version, int eventCount) {
        return new CustomMatcher<>("a CommandResult of " + CASE + " at version " + version + " with " + eventCount + " event id(s)") {
            @Override
            public boolean matches(Object item) {
                return item instanceof CommandResult r && r.caseId().equals(CASE) && r.version() == version
                        && r.eventIds().size() == eventCount;
            }
        };
    }

    /** Matches any published events and collects their ids into {@code ids}. */
    static Matcher<List<? super EventMessage<?>>> collectingIds(List<String> ids) {
        return new CustomMatcher<>("published events") {
            @Override
            public boolean matches(Object item) {
                ((List<?>) item).forEach(event -> ids.add(((EventMessage<?>) event).getIdentifier()));
                return true;
            }
        };
    }

    /** A fixture for the case aggregate; corrections and retractions may read the case's events from its store. */
    static AggregateTestFixture<Case> caseFixture() {
        AggregateTestFixture<Case> fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(fixture.getEventStore());
        return fixture;
    }

    /** The id Axon gave the n-th event (from 0) of the case, once the fixture has been given its history. */
    static String entryId(AggregateTestFixture<Case> fixture, int sequence) {
        return fixture.getEventStore().readEvents(CASE).asStream()
                .filter(e -> e.getSequenceNumber() == sequence)
                .map(DomainEventMessage::getIdentifier).findFirst().orElseThrow();
    }

    // ---- events ----

    static CaseOpened caseOpened(String on, String... defendantIds) {
        List<Defendant> defendants = defendantIds.length == 0 ? List.of(defendant("d1"))
                : Arrays.stream(defendantIds).map(CaseSteps::defendant).toList();
        return new CaseOpened(CASE, "Idaho v. Horiuchi", "ID", "FBI", "Ruby Ridge", "A sniper's shot kills Vicki Weaver",
                List.of("Vicki Weaver"), defendants, date(on), SOURCES, null, null);
    }

    static CaseOpened caseOpened() {
        return caseOpened(INCIDENT);
    }

    static DefendantAdded defendantAdded(String id, String on) {
        return new DefendantAdded(CASE, defendant(id), date(on), SOURCES, null, null);
    }

    static CaptionChanged captionChanged(String title, String on) {
        return new CaptionChanged(CASE, title, date(on), SOURCES, null, null);
    }

    static InvestigationOpened investigationOpened(String id, String on) {
        return new InvestigationOpened(CASE, id, "Idaho State Police", InvestigatorLevel.STATE, InvestigationSubject.OFFICER,
                null, date(on), SOURCES, null, null);
    }

    static InvestigationDeclined investigationDeclined(String id, String on) {
        return new InvestigationDeclined(CASE, id, "DOJ", InvestigatorLevel.FEDERAL, InvestigationSubject.OFFICER,
                "no prosecutable violation", date(on), SOURCES, null, null);
    }

    static InvestigationClosed investigationClosed(String id, String on) {
        return new InvestigationClosed(CASE, id, "referred to the prosecutor", date(on), SOURCES, null, null);
    }

    static InvestigationBlocked investigationBlocked(String id, String on) {
        return new InvestigationBlocked(CASE, id, "FBI", "withheld the rifle", date(on), SOURCES, null, null);
    }

    static EvidenceAccessDisputed evidenceDisputed(String on) {
        return new EvidenceAccessDisputed(CASE, "FBI", "Boundary County", "shooting reports", date(on), SOURCES, null, null);
    }

    static StateChargeFiled chargeFiled(String chargeId, String on, String... defendantIds) {
        return new StateChargeFiled(CASE, chargeId, defendantIds.length == 0 ? ids("d1") : List.of(defendantIds),
                ChargingInstrument.COMPLAINT, "Boundary County Prosecutor", STATE_COURT, "CR-97-1", COUNTS, date(on),
                SOURCES, null, null);
    }

    static ChargesAmended chargesAmended(String chargeId, List<ChargeCount> counts, String on) {
        return new ChargesAmended(CASE, chargeId, counts, date(on), SOURCES, null, null);
    }

    static DefendantTakenIntoCustody custody(String on, String... defendantIds) {
        return new DefendantTakenIntoCustody(CASE, List.of(defendantIds), CustodyKind.SURRENDER, "sheriff", date(on),
                SOURCES, null, null);
    }

    static DefendantArraigned arraigned(String on, String... defendantIds) {
        return new DefendantArraigned(CASE, List.of(defendantIds), STATE_COURT, "not guilty", date(on), SOURCES, null, null);
    }

    static RemovalNoticeFiled removalNoticeFiled(String removalId, String on, String goodCause, List<LegalFlag> flags,
                                                 String... defendantIds) {
        return new RemovalNoticeFiled(CASE, removalId, List.of(defendantIds), RemovalFiler.DEFENDANT, DISTRICT_COURT,
                "CR 97-097-N-EJL", goodCause, flags, date(on), SOURCES, null, null);
    }

    static RemovalNoticeFiled removalNoticeFiled(String removalId, String on) {
        return removalNoticeFiled(removalId, on, null, List.of(), "d1");
    }

    static RemovalAllowed removalAllowed(String removalId, String on) {
        return new RemovalAllowed(CASE, removalId, date(on), SOURCES, null, null);
    }

    static CaseRemanded remanded(String removalId, String on) {
        return new CaseRemanded(CASE, removalId, RemandManner.AFTER_HEARING, date(on), SOURCES, null, null);
    }

    static ImmunityAsserted immunityAsserted(String claimId, ImmunityRoute route, String on, String... defendantIds) {
        return new ImmunityAsserted(CASE, claimId, defendantIds.length == 0 ? ids("d1") : List.of(defendantIds), route,
                DISTRICT_COURT, null, date(on), SOURCES, null, null);
    }

    static ImmunityRuledOn immunityRuledOn(String claimId, ImmunityOutcome outcome, boolean afterVerdict, String on) {
        return new ImmunityRuledOn(CASE, claimId, outcome, outcome == ImmunityOutcome.GRANTED ? Prejudice.WITH_PREJUDICE : null,
                "Lodge", null, afterVerdict, date(on), SOURCES, null, null);
    }

    static HearingScheduled hearingScheduled(String hearingId, Proceeding proceeding, String on) {
        return new HearingScheduled(CASE, hearingId, HearingKind.IMMUNITY, proceeding, DISTRICT_COURT,
                date("1998-03-13").earliest(), date(on), SOURCES, null, null);
    }

    static HearingHeld hearingHeld(String hearingId, Proceeding proceeding, String on) {
        return new HearingHeld(CASE, hearingId, HearingKind.IMMUNITY, proceeding, DISTRICT_COURT, null, date(on), SOURCES,
                null, null);
    }

    static HearingPostponed hearingPostponed(String hearingId, String on) {
        return new HearingPostponed(CASE, hearingId, null, date(on), SOURCES, null, null);
    }

    static HearingVacated hearingVacated(String hearingId, String on) {
        return new HearingVacated(CASE, hearingId, date(on), SOURCES, null, null);
    }

    static AppealFiled appealFiled(String appealId, DecisionRef decision, String on) {
        return new AppealFiled(CASE, appealId, Party.STATE, CIRCUIT, "98-30149", decision, date(on), SOURCES, null, null);
    }

    static AmicusBriefFiled amicusFiled(String appealId, String on) {
        return new AmicusBriefFiled(CASE, appealId, "United States", AmicusSupport.APPELLEE, date(on), SOURCES, null, null);
    }

    static AppealDecided appealDecided(String appealId, Bench bench, AppealOutcome outcome, String on) {
        return new AppealDecided(CASE, appealId, bench, outcome, null, null, null, date(on), SOURCES, null, null);
    }

    static RehearingEnBancPetitioned enBancPetitioned(String appealId, String on) {
        return new RehearingEnBancPetitioned(CASE, appealId, Party.STATE, date(on), SOURCES, null, null);
    }

    static RehearingEnBancDecided enBancDecided(String appealId, boolean granted, String on) {
        return new RehearingEnBancDecided(CASE, appealId, granted, date(on), SOURCES, null, null);
    }

    static CertiorariPetitioned certiorariPetitioned(String petitionId, String appealId, String on) {
        return new CertiorariPetitioned(CASE, petitionId, appealId, Party.DEFENDANT, "No. 126", date(on), SOURCES, null, null);
    }

    static CertiorariDecided certiorariDecided(String petitionId, boolean granted, String on) {
        return new CertiorariDecided(CASE, petitionId, granted, date(on), SOURCES, null, null);
    }

    static SupremeCourtCaseDecided supremeCourtDecided(String petitionId, AppealOutcome outcome, String on) {
        return new SupremeCourtCaseDecided(CASE, petitionId, outcome, null, null, null, date(on), SOURCES, null, null);
    }

    static ProsecutionAuthorityChanged authorityChanged(String on) {
        return new ProsecutionAuthorityChanged(CASE, "Boundary County Prosecutor", "Brett Benson",
                ProsecutionChangeReason.ELECTION, date(on), SOURCES, null, null);
    }

    static TrialStarted trialStarted(String trialId, Court court, String on, String... defendantIds) {
        return new TrialStarted(CASE, trialId, defendantIds.length == 0 ? ids("d1") : List.of(defendantIds), court, true,
                date(on), SOURCES, null, null);
    }

    static VerdictReturned verdictReturned(String trialId, List<CountFinding> findings, VerdictOutcome outcome,
                                           List<LegalFlag> flags, String on) {
        return new VerdictReturned(CASE, trialId, findings, outcome, flags, date(on), SOURCES, null, null);
    }

    static SentenceImposed sentenceImposed(String trialId, String defendantId, String on) {
        return new SentenceImposed(CASE, trialId, defendantId, "five years", date(on), SOURCES, null, null);
    }

    static ChargesDismissed chargesDismissed(String on, String... chargeIds) {
        return new ChargesDismissed(CASE, List.of(chargeIds), DismissalReason.DROPPED_BY_PROSECUTOR,
                Prejudice.WITH_PREJUDICE, "Judge Lodge", date(on), SOURCES, null, null);
    }

    static DecisionsVacatedAsMoot vacatedAsMoot(String on, String... appealIds) {
        return new DecisionsVacatedAsMoot(CASE, List.of(appealIds), CIRCUIT, date(on), SOURCES, null, null);
    }

    static FederalActionTaken federalActionTaken(String on) {
        return new FederalActionTaken(CASE, FederalActionKind.THREAT, "DOJ", List.of("county prosecutor"),
                "warned of obstruction charges", date(on), SOURCES, null, null);
    }

    static PublicStatementMade statementMade(String on) {
        return new PublicStatementMade(CASE, "Denise Woodbury", "prosecutor", "No one is above the law.", "press",
                date(on), SOURCES, null, null);
    }

    static CaseClosed caseClosed(CaseOutcome outcome, String on) {
        return new CaseClosed(CASE, outcome, date(on), SOURCES, null, null);
    }

    static CaseReopened caseReopened(String on) {
        return new CaseReopened(CASE, "new evidence", date(on), SOURCES, null, null);
    }

    static EntryCorrected entryCorrected(String entryId, String correctedOn, String on) {
        return new EntryCorrected(CASE, entryId, "the source misdated it", correctedOn == null ? null : date(correctedOn),
                null, null, date(on), SOURCES, null, null);
    }

    static EntryRetracted entryRetracted(String entryId, String on) {
        return new EntryRetracted(CASE, entryId, "recorded in the wrong case", date(on), SOURCES, null, null);
    }

    // ---- commands ----

    static OpenCase openCase(String on, String... defendantIds) {
        CaseOpened e = caseOpened(on, defendantIds);
        return new OpenCase(CASE, e.title(), e.state(), e.agency(), e.place(), e.incident(), e.victims(), e.defendants(),
                e.occurredOn(), SOURCES, null, null);
    }

    static AddDefendant addDefendant(String id, String on) {
        return new AddDefendant(CASE, defendant(id), date(on), SOURCES, null, null);
    }

    static ChangeCaption changeCaption(String title, String on) {
        return new ChangeCaption(CASE, title, on == null ? null : date(on), null, null, null);
    }

    static OpenInvestigation openInvestigation(String id, String on) {
        return new OpenInvestigation(CASE, id, "Idaho State Police", InvestigatorLevel.STATE, InvestigationSubject.OFFICER,
                null, date(on), SOURCES, null, null);
    }

    static DeclineInvestigation declineInvestigation(String id, String on) {
        return new DeclineInvestigation(CASE, id, "DOJ", InvestigatorLevel.FEDERAL, InvestigationSubject.OFFICER,
                "no prosecutable violation", date(on), SOURCES, null, null);
    }

    static CloseInvestigation closeInvestigation(String id, String on) {
        return new CloseInvestigation(CASE, id, "referred to the prosecutor", date(on), SOURCES, null, null);
    }

    static BlockInvestigation blockInvestigation(String id, String on) {
        return new BlockInvestigation(CASE, id, "FBI", "withheld the rifle", date(on), SOURCES, null, null);
    }

    static DisputeEvidenceAccess disputeEvidenceAccess(String on) {
        return new DisputeEvidenceAccess(CASE, "FBI", "Boundary County", "shooting reports", date(on), SOURCES, null, null);
    }

    static FileStateCharge fileStateCharge(String chargeId, String on, String... defendantIds) {
        return new FileStateCharge(CASE, chargeId, List.of(defendantIds), ChargingInstrument.COMPLAINT,
                "Boundary County Prosecutor", STATE_COURT, "CR-97-1", COUNTS, date(on), SOURCES, null, null);
    }

    static AmendCharges amendCharges(String chargeId, List<ChargeCount> counts, String on) {
        return new AmendCharges(CASE, chargeId, counts, date(on), SOURCES, null, null);
    }

    static RecordCustody recordCustody(String on, String... defendantIds) {
        return new RecordCustody(CASE, List.of(defendantIds), CustodyKind.SURRENDER, "sheriff", date(on), SOURCES, null, null);
    }

    static ArraignDefendant arraign(String on, String... defendantIds) {
        return new ArraignDefendant(CASE, List.of(defendantIds), STATE_COURT, "not guilty", date(on), SOURCES, null, null);
    }

    static RemoveToFederalCourt removeToFederalCourt(String removalId, String on, String goodCause, String... defendantIds) {
        return new RemoveToFederalCourt(CASE, removalId, List.of(defendantIds), RemovalFiler.DEFENDANT, DISTRICT_COURT,
                "CR 97-097-N-EJL", goodCause, date(on), SOURCES, null, null);
    }

    static AllowRemoval allowRemoval(String removalId, String on) {
        return new AllowRemoval(CASE, removalId, date(on), SOURCES, null, null);
    }

    static RemandToStateCourt remand(String removalId, String on) {
        return new RemandToStateCourt(CASE, removalId, RemandManner.AFTER_HEARING, date(on), SOURCES, null, null);
    }

    static AssertImmunity assertImmunity(String claimId, ImmunityRoute route, String on, String... defendantIds) {
        return new AssertImmunity(CASE, claimId, List.of(defendantIds), route, DISTRICT_COURT, null, date(on), SOURCES,
                null, null);
    }

    static RuleOnImmunity ruleOnImmunity(String claimId, ImmunityOutcome outcome, String on) {
        return new RuleOnImmunity(CASE, claimId, outcome, outcome == ImmunityOutcome.GRANTED ? Prejudice.WITH_PREJUDICE : null,
                "Lodge", null, date(on), SOURCES, null, null);
    }

    static ScheduleHearing scheduleHearing(String hearingId, Proceeding proceeding, String on) {
        return new ScheduleHearing(CASE, hearingId, HearingKind.IMMUNITY, proceeding, DISTRICT_COURT,
                date("1998-03-13").earliest(), date(on), SOURCES, null, null);
    }

    static HoldHearing holdHearing(String hearingId, Proceeding proceeding, String on) {
        return new HoldHearing(CASE, hearingId, HearingKind.IMMUNITY, proceeding, DISTRICT_COURT, null, date(on), SOURCES,
                null, null);
    }

    static PostponeHearing postponeHearing(String hearingId, String on) {
        return new PostponeHearing(CASE, hearingId, null, date(on), SOURCES, null, null);
    }

    static VacateHearing vacateHearing(String hearingId, String on) {
        return new VacateHearing(CASE, hearingId, date(on), SOURCES, null, null);
    }

    static FileAppeal fileAppeal(String appealId, DecisionRef decision, String on) {
        return new FileAppeal(CASE, appealId, Party.STATE, CIRCUIT, "98-30149", decision, date(on), SOURCES, null, null);
    }

    static FileAmicusBrief fileAmicusBrief(String appealId, String on) {
        return new FileAmicusBrief(CASE, appealId, "United States", AmicusSupport.APPELLEE, date(on), SOURCES, null, null);
    }

    static DecideAppeal decideAppeal(String appealId, Bench bench, AppealOutcome outcome, String on) {
        return new DecideAppeal(CASE, appealId, bench, outcome, null, null, null, date(on), SOURCES, null, null);
    }

    static PetitionRehearingEnBanc petitionEnBanc(String appealId, String on) {
        return new PetitionRehearingEnBanc(CASE, appealId, Party.STATE, date(on), SOURCES, null, null);
    }

    static DecideRehearingEnBanc decideEnBanc(String appealId, boolean granted, String on) {
        return new DecideRehearingEnBanc(CASE, appealId, granted, date(on), SOURCES, null, null);
    }

    static PetitionCertiorari petitionCertiorari(String petitionId, String appealId, String on) {
        return new PetitionCertiorari(CASE, petitionId, appealId, Party.DEFENDANT, "No. 126", date(on), SOURCES, null, null);
    }

    static DecideCertiorari decideCertiorari(String petitionId, boolean granted, String on) {
        return new DecideCertiorari(CASE, petitionId, granted, date(on), SOURCES, null, null);
    }

    static DecideSupremeCourtCase decideSupremeCourtCase(String petitionId, AppealOutcome outcome, String on) {
        return new DecideSupremeCourtCase(CASE, petitionId, outcome, null, null, null, date(on), SOURCES, null, null);
    }

    static ChangeProsecutionAuthority changeAuthority(String on) {
        return new ChangeProsecutionAuthority(CASE, "Boundary County Prosecutor", "Brett Benson",
                ProsecutionChangeReason.ELECTION, date(on), SOURCES, null, null);
    }

    static StartTrial startTrial(String trialId, Court court, String on, String... defendantIds) {
        return new StartTrial(CASE, trialId, List.of(defendantIds), court, true, date(on), SOURCES, null, null);
    }

    static ReturnVerdict returnVerdict(String trialId, List<CountFinding> findings, String on) {
        return new ReturnVerdict(CASE, trialId, findings, date(on), SOURCES, null, null);
    }

    static ImposeSentence imposeSentence(String trialId, String defendantId, String on) {
        return new ImposeSentence(CASE, trialId, defendantId, "five years", date(on), SOURCES, null, null);
    }

    static DismissCharges dismissCharges(String on, String... chargeIds) {
        return new DismissCharges(CASE, List.of(chargeIds), DismissalReason.DROPPED_BY_PROSECUTOR, Prejudice.WITH_PREJUDICE,
                "Judge Lodge", date(on), SOURCES, null, null);
    }

    static VacateAsMoot vacateAsMoot(String on, String... appealIds) {
        return new VacateAsMoot(CASE, List.of(appealIds), CIRCUIT, date(on), SOURCES, null, null);
    }

    static RecordFederalAction recordFederalAction(String on) {
        return new RecordFederalAction(CASE, FederalActionKind.THREAT, "DOJ", List.of("county prosecutor"),
                "warned of obstruction charges", date(on), SOURCES, null, null);
    }

    static RecordPublicStatement recordStatement(String on) {
        return new RecordPublicStatement(CASE, "Denise Woodbury", "prosecutor", "No one is above the law.", "press",
                date(on), SOURCES, null, null);
    }

    static CloseCase closeCase(CaseOutcome outcome, String on) {
        return new CloseCase(CASE, outcome, on == null ? null : date(on), SOURCES, null, null);
    }

    static ReopenCase reopenCase(String on) {
        return new ReopenCase(CASE, "new evidence", on == null ? null : date(on), SOURCES, null, null);
    }

    static CorrectEntry correctEntry(String entryId, String correctedOn, String on) {
        return new CorrectEntry(CASE, entryId, "the source misdated it", correctedOn == null ? null : date(correctedOn),
                null, null, on == null ? null : date(on), SOURCES, null, null);
    }

    static RetractEntry retractEntry(String entryId, String on) {
        return new RetractEntry(CASE, entryId, "recorded in the wrong case", on == null ? null : date(on), SOURCES, null, null);
    }
}
