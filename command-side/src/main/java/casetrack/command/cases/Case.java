package casetrack.command.cases;

import casetrack.command.cases.CaseState.Appeal;
import casetrack.command.cases.CaseState.Charge;
import casetrack.command.cases.CaseState.Claim;
import casetrack.command.cases.CaseState.Decided;
import casetrack.command.cases.CaseState.Hearing;
import casetrack.command.cases.CaseState.Investigation;
import casetrack.command.cases.CaseState.Petition;
import casetrack.command.cases.CaseState.RemovalStatus;
import casetrack.command.cases.CaseState.Removal;
import casetrack.command.cases.CaseState.Trial;
import casetrack.shared.command.*;
import casetrack.shared.event.*;
import casetrack.shared.value.Bench;
import casetrack.shared.value.CountFinding;
import casetrack.shared.value.CourtLevel;
import casetrack.shared.value.DecisionKind;
import casetrack.shared.value.Finding;
import casetrack.shared.value.LegalFlag;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Proceeding;
import casetrack.shared.value.VerdictOutcome;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.interceptors.ExceptionHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A case: every recorded step, as an event-sourced aggregate. Each command handler checks the
 * consistency rules (see {@link Rules} for their names) and, if they hold, applies exactly one event;
 * state changes only in the sourcing handler, which keeps the entries and folds them into a
 * {@link CaseState}.
 * <p>
 * Steps that name defendants ({@code defendantIds}) treat a null or empty list as "all defendants of
 * the case at that moment", and their events carry the expanded list, so every event says whom it
 * concerns. Editorial steps without a date are dated today (UTC, from Axon's event clock). Null lists
 * become empty lists, except {@code EntryCorrected.correctedSources}, where null means "sources unchanged".
 * <p>
 * Snapshots serialize the id, the version and the entries the rules read; the state is refolded from
 * them. The steps no rule looks inside (statements, captions, ...: see
 * {@link CaseState#readsOnlyKindAndDate}) are most of a long case and stay out of the snapshot: they
 * are in the event store, and a correction or retraction, the only steps that look them up, reads
 * them from there ({@link #allEntries}). A case of 10,000 statements thus loads from a snapshot of
 * a few entries and the events since.
 */
@Aggregate(snapshotTriggerDefinition = "caseSnapshotTrigger", commandTargetResolver = "caseCommandTargetResolver",
        cache = "caseCache")
// snapshots embed the events' JSON: raise this when Case or an event changes shape, so stale snapshots are skipped
// (2: entries the rules never look inside kept as outlines; 3: left out, read from the event store when needed)
@Revision("3")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Case {

    private static final long REMOVAL_WINDOW_DAYS = 30;
    private static final Set<CourtLevel> TRIAL_COURTS = EnumSet.of(CourtLevel.STATE_TRIAL, CourtLevel.FEDERAL_DISTRICT);

    @AggregateIdentifier
    private String caseId;
    /** The entries, in order; after a snapshot load, without the steps the snapshot leaves out ({@link #stepsLeftInStore}). */
    @JsonIgnore
    private List<Entry> entries = new ArrayList<>();
    /** Whether the case was loaded from a snapshot, so some of its entries are only in the event store. */
    @JsonIgnore
    private transient boolean stepsLeftInStore;
    private long version = -1;
    @JsonIgnore
    private transient CaseState state;

    public Case() {
        // for Axon and for snapshot deserialization
    }

    // ---- opening, defendants, caption, investigations, evidence ----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public CommandResult handle(OpenCase c) {
        Set<String> seen = new LinkedHashSet<>();
        c.defendants().forEach(d -> {
            if (!seen.add(d.defendantId())) {
                throw new RuleViolation(Rules.ID_MUST_BE_NEW, "Defendant \"" + d.defendantId()
                        + "\" is listed twice; give each defendant of the case its own id.");
            }
        });
        return record(new CaseOpened(c.caseId(), c.title(), c.state(), c.agency(), c.place(), c.incident(),
                list(c.victims()), list(c.defendants()), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(AddDefendant c) {
        requireStepAllowed(c.occurredOn());
        requireNew("defendant", c.defendant().defendantId(), state().defendants.containsKey(c.defendant().defendantId()));
        return record(new DefendantAdded(caseId, c.defendant(), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(ChangeCaption c) {
        PartialDate on = dateOrToday(c.occurredOn());
        requireStepAllowed(on);
        return record(new CaptionChanged(caseId, c.title(), on, list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(OpenInvestigation c) {
        requireStepAllowed(c.occurredOn());
        requireNew("investigation", c.investigationId(), state().investigations.containsKey(c.investigationId()));
        return record(new InvestigationOpened(caseId, c.investigationId(), c.conductedBy(), c.level(), c.subject(),
                c.subjectDescription(), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(DeclineInvestigation c) {
        requireStepAllowed(c.occurredOn());
        requireNew("investigation", c.investigationId(), state().investigations.containsKey(c.investigationId()));
        return record(new InvestigationDeclined(caseId, c.investigationId(), c.declinedBy(), c.level(), c.subject(),
                c.reason(), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(CloseInvestigation c) {
        requireStepAllowed(c.occurredOn());
        Investigation investigation = requireOpenInvestigation(c.investigationId());
        requireNotBefore(c.occurredOn(), investigation.openedOn, Rules.DECISION_NOT_BEFORE_FILING,
                "the closing of investigation \"" + c.investigationId() + "\"", "its opening");
        return record(new InvestigationClosed(caseId, c.investigationId(), c.result(), c.occurredOn(), list(c.sources()),
                c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(BlockInvestigation c) {
        requireStepAllowed(c.occurredOn());
        Investigation investigation = requireOpenInvestigation(c.investigationId());
        requireNotBefore(c.occurredOn(), investigation.openedOn, Rules.DECISION_NOT_BEFORE_FILING,
                "the blocking of investigation \"" + c.investigationId() + "\"", "its opening");
        return record(new InvestigationBlocked(caseId, c.investigationId(), c.blockedBy(), c.how(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(DisputeEvidenceAccess c) {
        requireStepAllowed(c.occurredOn());
        return record(new EvidenceAccessDisputed(caseId, c.withheldBy(), c.requestedBy(), c.evidence(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    // ---- charges and custody ----

    @CommandHandler
    public CommandResult handle(FileStateCharge c) {
        requireStepAllowed(c.occurredOn());
        requireNew("charge", c.chargeId(), state().charges.containsKey(c.chargeId()));
        List<String> defendantIds = defendantsNamed(c.defendantIds());
        return record(new StateChargeFiled(caseId, c.chargeId(), defendantIds, c.instrument(), c.filedBy(), c.court(),
                c.docketNumber(), list(c.counts()), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(AmendCharges c) {
        requireStepAllowed(c.occurredOn());
        requireActiveCharge(c.chargeId());
        return record(new ChargesAmended(caseId, c.chargeId(), list(c.counts()), c.occurredOn(), list(c.sources()),
                c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(RecordCustody c) {
        requireStepAllowed(c.occurredOn());
        List<String> defendantIds = defendantsNamed(c.defendantIds());
        requireActiveChargeAgainstEach(defendantIds, c.occurredOn(), "custody");
        return record(new DefendantTakenIntoCustody(caseId, defendantIds, c.kind(), c.custodian(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(ArraignDefendant c) {
        requireStepAllowed(c.occurredOn());
        List<String> defendantIds = defendantsNamed(c.defendantIds());
        requireActiveChargeAgainstEach(defendantIds, c.occurredOn(), "an arraignment");
        return record(new DefendantArraigned(caseId, defendantIds, c.court(), c.plea(), c.occurredOn(), list(c.sources()),
                c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(ChangeProsecutionAuthority c) {
        requireStepAllowed(c.occurredOn());
        if (state().charges.isEmpty()) {
            throw new RuleViolation(Rules.CHARGE_MUST_EXIST,
                    "No charge has been filed in this case; file the charge before recording who prosecutes it.");
        }
        return record(new ProsecutionAuthorityChanged(caseId, c.office(), c.prosecutor(), c.reason(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(DismissCharges c) {
        requireStepAllowed(c.occurredOn());
        for (String chargeId : c.chargeIds()) {
            Charge charge = requireActiveCharge(chargeId);
            requireNotBefore(c.occurredOn(), charge.filedOn, Rules.DECISION_NOT_BEFORE_FILING,
                    "the dismissal of charge \"" + chargeId + "\"", "the charge");
        }
        return record(new ChargesDismissed(caseId, List.copyOf(new LinkedHashSet<>(c.chargeIds())), c.reason(),
                c.prejudice(), c.dismissedBy(), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    // ---- removal ----

    @CommandHandler
    public CommandResult handle(RemoveToFederalCourt c) {
        requireStepAllowed(c.occurredOn());
        requireNew("removal", c.removalId(), state().removals.containsKey(c.removalId()));
        List<String> defendantIds = defendantsNamed(c.defendantIds());
        requireActiveChargeAgainstEach(defendantIds, c.occurredOn(), "a notice of removal");
        List<LegalFlag> flags = isBlank(c.goodCause()) && arraignedMoreThan30DaysBefore(defendantIds, c.occurredOn())
                ? List.of(LegalFlag.LATE_REMOVAL_NOTICE) : List.of();
        return record(new RemovalNoticeFiled(caseId, c.removalId(), defendantIds, c.filedBy(), c.court(),
                c.docketNumber(), c.goodCause(), flags, c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(AllowRemoval c) {
        requireStepAllowed(c.occurredOn());
        requirePendingRemoval(c.removalId(), c.occurredOn());
        return record(new RemovalAllowed(caseId, c.removalId(), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(RemandToStateCourt c) {
        requireStepAllowed(c.occurredOn());
        requirePendingRemoval(c.removalId(), c.occurredOn());
        return record(new CaseRemanded(caseId, c.removalId(), c.manner(), c.occurredOn(), list(c.sources()), c.note(),
                c.dateConflict()));
    }

    // ---- immunity and hearings ----

    @CommandHandler
    public CommandResult handle(AssertImmunity c) {
        requireStepAllowed(c.occurredOn());
        requireNew("immunity claim", c.claimId(), state().claims.containsKey(c.claimId()));
        List<String> defendantIds = defendantsNamed(c.defendantIds());
        requireActiveChargeAgainstEach(defendantIds, c.occurredOn(), "an immunity claim");
        return record(new ImmunityAsserted(caseId, c.claimId(), defendantIds, c.route(), c.court(), c.docketNumber(),
                c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(RuleOnImmunity c) {
        requireStepAllowed(c.occurredOn());
        Claim claim = state().claims.get(c.claimId());
        if (claim == null) {
            throw new RuleViolation(Rules.CLAIM_MUST_EXIST, "No immunity claim \"" + c.claimId()
                    + "\" has been asserted in this case; record the claim before the ruling on it.");
        }
        if (!claim.awaitsRuling()) {
            throw new RuleViolation(Rules.CLAIM_MUST_AWAIT_RULING, "Immunity claim \"" + c.claimId()
                    + "\" was already ruled on and no appeal reopened it; correct the ruling entry instead.");
        }
        requireNotBefore(c.occurredOn(), claim.assertedOn, Rules.DECISION_NOT_BEFORE_FILING,
                "the ruling on immunity claim \"" + c.claimId() + "\"", "the claim");
        boolean afterVerdict = claim.defendants.stream().anyMatch(state().defendantsWithVerdict::contains);
        return record(new ImmunityRuledOn(caseId, c.claimId(), c.outcome(), c.prejudice(), c.judge(), c.citation(),
                afterVerdict, c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(ScheduleHearing c) {
        requireStepAllowed(c.occurredOn());
        requireNew("hearing", c.hearingId(), state().hearings.containsKey(c.hearingId()));
        requireProceeding(c.proceeding());
        return record(new HearingScheduled(caseId, c.hearingId(), c.kind(), c.proceeding(), c.court(), c.scheduledFor(),
                c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(HoldHearing c) {
        requireStepAllowed(c.occurredOn());
        requireProceeding(c.proceeding());
        if (state().hearings.containsKey(c.hearingId())) {
            requireHearingOnCalendar(c.hearingId());
        }
        return record(new HearingHeld(caseId, c.hearingId(), c.kind(), c.proceeding(), c.court(), c.outcome(),
                c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(PostponeHearing c) {
        requireStepAllowed(c.occurredOn());
        requireHearingOnCalendar(c.hearingId());
        return record(new HearingPostponed(caseId, c.hearingId(), c.newDate(), c.occurredOn(), list(c.sources()),
                c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(VacateHearing c) {
        requireStepAllowed(c.occurredOn());
        requireHearingOnCalendar(c.hearingId());
        return record(new HearingVacated(caseId, c.hearingId(), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    // ---- appeals and certiorari ----

    @CommandHandler
    public CommandResult handle(FileAppeal c) {
        requireStepAllowed(c.occurredOn());
        requireNew("appeal", c.appealId(), state().appeals.containsKey(c.appealId()));
        Decided decision = state().appealedDecisionOn(c.decision()).orElseThrow(() -> new RuleViolation(
                Rules.APPEALED_DECISION_MUST_EXIST, "There is no " + describe(c.decision().kind()) + " \""
                + c.decision().id() + "\" in this case to appeal; record the decision before the appeal."));
        requireNotBefore(c.occurredOn(), decision.on(), Rules.APPEAL_NOT_BEFORE_DECISION,
                "appeal \"" + c.appealId() + "\"", "the decision it appeals");
        return record(new AppealFiled(caseId, c.appealId(), c.appellant(), c.court(), c.docketNumber(), c.decision(),
                c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(FileAmicusBrief c) {
        requireStepAllowed(c.occurredOn());
        requireAppeal(c.appealId());
        return record(new AmicusBriefFiled(caseId, c.appealId(), c.amicus(), c.supporting(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(DecideAppeal c) {
        requireStepAllowed(c.occurredOn());
        Appeal appeal = requireAppeal(c.appealId());
        if (c.bench() == Bench.PANEL) {
            if (appeal.panelDecision != null) {
                throw new RuleViolation(Rules.PANEL_DECISION_ONCE, "A panel already decided appeal \"" + c.appealId()
                        + "\"; record a rehearing en banc, or correct the panel decision entry.");
            }
            requireNotBefore(c.occurredOn(), appeal.filedOn, Rules.DECISION_NOT_BEFORE_FILING,
                    "the decision of appeal \"" + c.appealId() + "\"", "the appeal");
        } else {
            if (!appeal.enBancGranted || appeal.enBancDecision != null) {
                throw new RuleViolation(Rules.EN_BANC_REHEARING_MUST_BE_GRANTED, appeal.enBancDecision != null
                        ? "Appeal \"" + c.appealId() + "\" was already decided en banc; correct that entry instead."
                        : "Rehearing en banc of appeal \"" + c.appealId()
                        + "\" has not been granted; record the grant before the en banc decision.");
            }
            requireNotBefore(c.occurredOn(), appeal.panelDecision.on(), Rules.DECISION_NOT_BEFORE_FILING,
                    "the en banc decision of appeal \"" + c.appealId() + "\"", "the panel decision");
        }
        return record(new AppealDecided(caseId, c.appealId(), c.bench(), c.outcome(), c.votesFor(), c.votesAgainst(),
                c.citation(), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(PetitionRehearingEnBanc c) {
        requireStepAllowed(c.occurredOn());
        Appeal appeal = requirePanelDecision(c.appealId());
        requireNotBefore(c.occurredOn(), appeal.panelDecision.on(), Rules.APPEAL_NOT_BEFORE_DECISION,
                "the petition for rehearing en banc of appeal \"" + c.appealId() + "\"", "the panel decision");
        return record(new RehearingEnBancPetitioned(caseId, c.appealId(), c.petitioner(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(DecideRehearingEnBanc c) {
        requireStepAllowed(c.occurredOn());
        Appeal appeal = requirePanelDecision(c.appealId());
        if (appeal.enBancRehearing != null) {
            throw new RuleViolation(Rules.REHEARING_EN_BANC_DECIDED_ONCE, "Rehearing en banc of appeal \""
                    + c.appealId() + "\" was already " + (appeal.enBancGranted ? "granted" : "denied")
                    + "; correct that entry instead.");
        }
        requireNotBefore(c.occurredOn(), appeal.panelDecision.on(), Rules.DECISION_NOT_BEFORE_FILING,
                "the decision on rehearing en banc of appeal \"" + c.appealId() + "\"", "the panel decision");
        return record(new RehearingEnBancDecided(caseId, c.appealId(), c.granted(), c.occurredOn(), list(c.sources()),
                c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(PetitionCertiorari c) {
        requireStepAllowed(c.occurredOn());
        requireNew("certiorari petition", c.petitionId(), state().petitions.containsKey(c.petitionId()));
        Appeal appeal = requireAppeal(c.appealId());
        Decided decision = appeal.lastDecision().orElseThrow(() -> new RuleViolation(Rules.APPEAL_MUST_BE_DECIDED,
                "Appeal \"" + c.appealId() + "\" has not been decided; record its decision before petitioning for certiorari."));
        requireNotBefore(c.occurredOn(), decision.on(), Rules.APPEAL_NOT_BEFORE_DECISION,
                "certiorari petition \"" + c.petitionId() + "\"", "the decision of appeal \"" + c.appealId() + "\"");
        return record(new CertiorariPetitioned(caseId, c.petitionId(), c.appealId(), c.petitioner(), c.docketNumber(),
                c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(DecideCertiorari c) {
        requireStepAllowed(c.occurredOn());
        Petition petition = requirePetition(c.petitionId());
        if (petition.certiorari != null) {
            throw new RuleViolation(Rules.CERTIORARI_DECIDED_ONCE, "Certiorari on petition \"" + c.petitionId()
                    + "\" was already " + (petition.granted ? "granted" : "denied") + "; correct that entry instead.");
        }
        requireNotBefore(c.occurredOn(), petition.filedOn, Rules.DECISION_NOT_BEFORE_FILING,
                "the decision on certiorari petition \"" + c.petitionId() + "\"", "the petition");
        return record(new CertiorariDecided(caseId, c.petitionId(), c.granted(), c.occurredOn(), list(c.sources()),
                c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(DecideSupremeCourtCase c) {
        requireStepAllowed(c.occurredOn());
        Petition petition = requirePetition(c.petitionId());
        if (!petition.granted || petition.supremeCourtDecision != null) {
            throw new RuleViolation(Rules.CERTIORARI_MUST_BE_GRANTED, petition.supremeCourtDecision != null
                    ? "The Supreme Court already decided the case on petition \"" + c.petitionId() + "\"; correct that entry instead."
                    : "Certiorari has not been granted on petition \"" + c.petitionId()
                    + "\"; record the grant before the Supreme Court's decision.");
        }
        requireNotBefore(c.occurredOn(), petition.certiorari.on(), Rules.DECISION_NOT_BEFORE_FILING,
                "the Supreme Court decision on petition \"" + c.petitionId() + "\"", "the grant of certiorari");
        return record(new SupremeCourtCaseDecided(caseId, c.petitionId(), c.outcome(), c.votesFor(), c.votesAgainst(),
                c.citation(), c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(VacateAsMoot c) {
        requireStepAllowed(c.occurredOn());
        c.appealIds().forEach(this::requireAppeal);
        if (state().anyChargeActive()) {
            throw new RuleViolation(Rules.CASE_MUST_HAVE_ENDED, "Charges "
                    + state().charges.values().stream().filter(ch -> ch.status() == CaseState.ChargeStatus.ACTIVE)
                    .map(ch -> "\"" + ch.id + "\"").collect(Collectors.joining(", "))
                    + " are still active, so the case has not ended; record their dismissal before vacating decisions as moot.");
        }
        return record(new DecisionsVacatedAsMoot(caseId, List.copyOf(new LinkedHashSet<>(c.appealIds())), c.court(),
                c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    // ---- trial ----

    @CommandHandler
    public CommandResult handle(StartTrial c) {
        requireStepAllowed(c.occurredOn());
        requireNew("trial", c.trialId(), state().trials.containsKey(c.trialId()));
        List<String> defendantIds = defendantsNamed(c.defendantIds());
        requireActiveChargeAgainstEach(defendantIds, c.occurredOn(), "a trial");
        for (String defendantId : defendantIds) {
            if (state().immunityGrantedTo(defendantId)) {
                throw new RuleViolation(Rules.NO_TRIAL_UNDER_IMMUNITY, "Defendant \"" + defendantId
                        + "\" holds a grant of immunity; a trial needs that ruling reversed or vacated on appeal first.");
            }
        }
        if (!TRIAL_COURTS.contains(c.court().level())) {
            throw new RuleViolation(Rules.TRIAL_COURT_REQUIRED, "A trial is held in a state trial court or a federal "
                    + "district court, not in a " + c.court().level() + " court; name the trial court.");
        }
        for (String defendantId : defendantIds) {
            CourtLevel holding = state().removalAllowedFor(defendantId) ? CourtLevel.FEDERAL_DISTRICT : CourtLevel.STATE_TRIAL;
            if (c.court().level() != holding) {
                throw new RuleViolation(Rules.TRIAL_IN_COURT_HOLDING_CASE, "The case against \"" + defendantId
                        + "\" is held by a " + holding + " court" + (holding == CourtLevel.FEDERAL_DISTRICT
                        ? " since its removal was allowed" : " (no removal was allowed)") + "; the trial takes place there.");
            }
        }
        return record(new TrialStarted(caseId, c.trialId(), defendantIds, c.court(), c.jury(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(ReturnVerdict c) {
        requireStepAllowed(c.occurredOn());
        Trial trial = requireTrial(c.trialId());
        if (trial.verdict != null) {
            throw new RuleViolation(Rules.VERDICT_ONCE, "Trial \"" + c.trialId()
                    + "\" already has a verdict; correct that entry, or start a new trial for a retrial.");
        }
        requireNotBefore(c.occurredOn(), trial.startedOn, Rules.DECISION_NOT_BEFORE_FILING,
                "the verdict in trial \"" + c.trialId() + "\"", "the start of the trial");
        c.findings().forEach(f -> requireFindingOfTrial(f, trial));
        List<LegalFlag> flags = c.findings().stream()
                .anyMatch(f -> f.finding() == Finding.GUILTY && state().removalPendingFor(f.defendantId()))
                ? List.of(LegalFlag.CONVICTION_WHILE_REMOVAL_PENDING) : List.of();
        return record(new VerdictReturned(caseId, c.trialId(), list(c.findings()), outcomeOf(c.findings()), flags,
                c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(ImposeSentence c) {
        requireStepAllowed(c.occurredOn());
        Trial trial = requireTrial(c.trialId());
        if (!trial.foundGuilty(c.defendantId())) {
            throw new RuleViolation(Rules.GUILTY_FINDING_REQUIRED, "Trial \"" + c.trialId()
                    + "\" has no guilty finding for defendant \"" + c.defendantId()
                    + "\"; a sentence follows a guilty verdict.");
        }
        requireNotBefore(c.occurredOn(), trial.verdict.on(), Rules.DECISION_NOT_BEFORE_FILING,
                "the sentence of \"" + c.defendantId() + "\"", "the verdict");
        return record(new SentenceImposed(caseId, c.trialId(), c.defendantId(), c.sentence(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    // ---- federal action and statements ----

    @CommandHandler
    public CommandResult handle(RecordFederalAction c) {
        requireStepAllowed(c.occurredOn());
        return record(new FederalActionTaken(caseId, c.kind(), c.takenBy(), list(c.targets()), c.description(),
                c.occurredOn(), list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(RecordPublicStatement c) {
        requireStepAllowed(c.occurredOn());
        return record(new PublicStatementMade(caseId, c.speaker(), c.role(), c.quote(), c.medium(), c.occurredOn(),
                list(c.sources()), c.note(), c.dateConflict()));
    }

    // ---- closing, reopening, corrections, retractions ----

    @CommandHandler
    public CommandResult handle(CloseCase c) {
        PartialDate on = dateOrToday(c.occurredOn());
        requireStepAllowed(on);
        return record(new CaseClosed(caseId, c.outcome(), on, list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(ReopenCase c) {
        PartialDate on = dateOrToday(c.occurredOn());
        if (!state().closed) {
            throw new RuleViolation(Rules.CASE_MUST_BE_CLOSED, "Case \"" + caseId + "\" is open; only a closed case can be reopened.");
        }
        requireNotBeforeIncident(on);
        return record(new CaseReopened(caseId, c.reason(), on, list(c.sources()), c.note(), c.dateConflict()));
    }

    @CommandHandler
    public CommandResult handle(CorrectEntry c, EventStore record) {
        PartialDate on = dateOrToday(c.occurredOn());
        requireNotBeforeIncident(on);
        allEntries(record);
        requireLiveEntry(c.entryId(), "corrected");
        if (c.correctedOccurredOn() == null && c.correctedSources() == null && isBlank(c.correctedNote())) {
            throw new RuleViolation(Rules.CORRECTION_MUST_CHANGE_SOMETHING, "A correction of entry \"" + c.entryId()
                    + "\" must give a corrected date, corrected sources or a corrected note.");
        }
        EntryCorrected correction = new EntryCorrected(caseId, c.entryId(), c.reason(), c.correctedOccurredOn(),
                c.correctedSources(), c.correctedNote(), on, list(c.sources()), c.note(), c.dateConflict());
        if (c.correctedOccurredOn() != null) {
            requireDatesStayInOrderAfter(correction);
        }
        return record(correction);
    }

    @CommandHandler
    public CommandResult handle(RetractEntry c, EventStore record) {
        PartialDate on = dateOrToday(c.occurredOn());
        requireNotBeforeIncident(on);
        allEntries(record);
        Entry entry = requireLiveEntry(c.entryId(), "retracted");
        if (entry.event() instanceof CaseOpened) {
            throw new RuleViolation(Rules.OPENING_CANNOT_BE_RETRACTED,
                    "The opening of a case cannot be retracted; close the case instead (outcome OTHER, with a note).");
        }
        Set<String> dependents = state().dependentsOf(c.entryId());
        if (!dependents.isEmpty()) {
            throw new RuleViolation(Rules.RETRACT_DEPENDENTS_FIRST, "Entry " + entry.describe()
                    + " is relied on by later steps (" + dependents.stream().map(id -> entry(id).describe())
                    .collect(Collectors.joining(", ")) + "); retract the steps that depend on it first.");
        }
        EntryRetracted retraction = new EntryRetracted(caseId, c.entryId(), c.reason(), on, list(c.sources()), c.note(),
                c.dateConflict());
        if (entry.event() instanceof EntryCorrected corrected && corrected.correctedOccurredOn() != null) {
            requireDatesStayInOrderAfter(retraction);
        }
        return record(retraction);
    }

    /**
     * A refusal says which version of the case it was decided on: with several command-side nodes, a
     * cached copy may be behind the store, and the caller then retries on the case as stored.
     */
    @ExceptionHandler(resultType = RuleViolation.class)
    void refused(RuleViolation refusal) {
        throw caseId == null || version < 0 ? refusal : refusal.decidedAt(version);
    }

    // ---- the record ----

    @EventSourcingHandler
    void on(CaseEvent event, @MessageIdentifier String eventId, @SequenceNumber Long sequenceNumber) {
        if (event instanceof CaseOpened opened) {
            caseId = opened.caseId();
        }
        Entry entry = new Entry(eventId, event, false);
        entries.add(entry);
        version = sequenceNumber == null ? version + 1 : sequenceNumber;
        if (event instanceof EntryRetracted retraction) {
            // a step the snapshot left out is marked when allEntries reads it from the store
            entries.replaceAll(e -> e.id().equals(retraction.entryId()) ? e.asRetracted() : e);
            state = null;
        } else if (event instanceof EntryCorrected correction && correction.correctedOccurredOn() != null) {
            state = null;
        } else if (state != null) {
            state.fold(eventId, event, event.occurredOn());
        }
    }

    private CommandResult record(CaseEvent event) {
        int before = entries.size();
        apply(event);
        List<String> eventIds = entries.subList(before, entries.size()).stream().map(Entry::id).toList();
        return new CommandResult(caseId, version, eventIds);
    }

    /** The entries as a snapshot keeps them: those the rules read. */
    @JsonProperty("entries")
    private List<Entry> snapshotEntries() {
        return entries.stream().filter(e -> !CaseState.readsOnlyKindAndDate(e.event())).toList();
    }

    @JsonProperty("entries")
    private void snapshotEntries(List<Entry> restored) {
        entries = new ArrayList<>(restored);
        stepsLeftInStore = true;
        state = null;
    }

    /**
     * Every entry of the case, in order: after a snapshot load, read again from the event store (the
     * events from the first, not the snapshot), for the steps that look entries up or refold them.
     */
    private List<Entry> allEntries(EventStore record) {
        if (stepsLeftInStore) {
            Case whole = new Case();
            record.readEvents(caseId, 0).forEachRemaining(event ->
                    whole.on((CaseEvent) event.getPayload(), event.getIdentifier(), event.getSequenceNumber()));
            if (whole.version != version) {
                throw new IllegalStateException("case \"" + caseId + "\" is at version " + version
                        + " but the event store holds its events up to " + whole.version);
            }
            entries = whole.entries;
            stepsLeftInStore = false;
        }
        return entries;
    }

    /** The sequence number of the case's last event (-1 before the first). */
    long version() {
        return version;
    }

    CaseState state() {
        if (state == null) {
            state = CaseState.of(entries);
        }
        return state;
    }

    // ---- the rules, as sentences ----

    private void requireStepAllowed(PartialDate on) {
        requireCaseOpen();
        requireNotBeforeIncident(on);
    }

    private void requireCaseOpen() {
        if (state().closed) {
            throw new RuleViolation(Rules.CASE_MUST_BE_OPEN, "Case \"" + caseId
                    + "\" is closed; only corrections, retractions and reopening are accepted. Reopen the case first.");
        }
    }

    private void requireNotBeforeIncident(PartialDate on) {
        if (on.certainlyBefore(state().incidentOn)) {
            throw new RuleViolation(Rules.STEP_NOT_BEFORE_INCIDENT, "A step dated " + on
                    + " comes before the incident of " + state().incidentOn + "; check the date.");
        }
    }

    private void requireNotBefore(PartialDate on, PartialDate earlier, String rule, String what, String filing) {
        if (on.certainlyBefore(earlier)) {
            throw new RuleViolation(rule, "The date of " + what + " (" + on + ") is before " + filing + " (" + earlier
                    + "); a decision or filing cannot precede what it answers, so check the dates.");
        }
    }

    private void requireNew(String kind, String id, boolean exists) {
        if (exists) {
            throw new RuleViolation(Rules.ID_MUST_BE_NEW, "This case already has a " + kind + " \"" + id
                    + "\"; choose a new id, or refer to the existing one with the step that concerns it.");
        }
    }

    /** The defendants a step names, or all of the case's defendants when it names none. */
    private List<String> defendantsNamed(List<String> defendantIds) {
        if (defendantIds == null || defendantIds.isEmpty()) {
            return state().allDefendants();
        }
        for (String defendantId : defendantIds) {
            if (!state().defendants.containsKey(defendantId)) {
                throw new RuleViolation(Rules.DEFENDANT_MUST_BE_IN_CASE, "\"" + defendantId
                        + "\" is not a defendant in this case; add the defendant first.");
            }
        }
        return List.copyOf(new LinkedHashSet<>(defendantIds));
    }

    private Charge requireCharge(String chargeId) {
        Charge charge = state().charges.get(chargeId);
        if (charge == null) {
            throw new RuleViolation(Rules.CHARGE_MUST_EXIST, "No charge \"" + chargeId
                    + "\" has been filed in this case; file the charge first.");
        }
        return charge;
    }

    private Charge requireActiveCharge(String chargeId) {
        Charge charge = requireCharge(chargeId);
        if (charge.status() != CaseState.ChargeStatus.ACTIVE) {
            throw new RuleViolation(Rules.CHARGE_MUST_BE_ACTIVE, "Charge \"" + chargeId
                    + "\" has been dismissed; a dismissed charge cannot be amended or dismissed again.");
        }
        return charge;
    }

    private void requireActiveChargeAgainstEach(List<String> defendantIds, PartialDate on, String step) {
        for (String defendantId : defendantIds) {
            List<Charge> active = state().activeChargesAgainst(defendantId);
            if (active.isEmpty()) {
                throw new RuleViolation(Rules.ACTIVE_CHARGE_REQUIRED, "Defendant \"" + defendantId
                        + "\" faces no active charge; file a charge before recording " + step + ".");
            }
            if (active.stream().allMatch(charge -> on.certainlyBefore(charge.filedOn))) {
                throw new RuleViolation(Rules.STEP_NOT_BEFORE_CHARGE, "The date of " + step + " (" + on
                        + ") is before every charge against \"" + defendantId + "\"; check the dates.");
            }
        }
    }

    private boolean arraignedMoreThan30DaysBefore(List<String> defendantIds, PartialDate noticeOn) {
        return defendantIds.stream().map(state().arraignedOn::get).filter(Objects::nonNull)
                .anyMatch(arraigned -> noticeOn.earliest().isAfter(arraigned.latest().plusDays(REMOVAL_WINDOW_DAYS)));
    }

    private void requirePendingRemoval(String removalId, PartialDate on) {
        Removal removal = state().removals.get(removalId);
        if (removal == null) {
            throw new RuleViolation(Rules.REMOVAL_MUST_EXIST, "No notice of removal \"" + removalId
                    + "\" has been filed in this case; record the notice before its decision.");
        }
        if (removal.status != RemovalStatus.PENDING) {
            throw new RuleViolation(Rules.REMOVAL_MUST_BE_PENDING, "Removal \"" + removalId + "\" was already "
                    + removal.status.name().toLowerCase() + "; correct that entry instead.");
        }
        requireNotBefore(on, removal.filedOn, Rules.DECISION_NOT_BEFORE_FILING,
                "the decision on removal \"" + removalId + "\"", "the notice of removal");
    }

    private void requireProceeding(Proceeding proceeding) {
        if (state().establishingEntry(proceeding).isEmpty()) {
            throw new RuleViolation(Rules.PROCEEDING_MUST_EXIST, "There is no " + proceeding.kind() + " \""
                    + proceeding.id() + "\" in this case for the hearing to belong to; record it first.");
        }
    }

    private Hearing requireHearingOnCalendar(String hearingId) {
        Hearing hearing = state().hearings.get(hearingId);
        if (hearing == null) {
            throw new RuleViolation(Rules.HEARING_MUST_EXIST, "No hearing \"" + hearingId
                    + "\" has been scheduled in this case; schedule it first.");
        }
        if (!hearing.onCalendar()) {
            throw new RuleViolation(Rules.HEARING_MUST_BE_ON_CALENDAR, "Hearing \"" + hearingId + "\" was already "
                    + hearing.status.name().toLowerCase() + "; schedule a new hearing instead.");
        }
        return hearing;
    }

    private Appeal requireAppeal(String appealId) {
        Appeal appeal = state().appeals.get(appealId);
        if (appeal == null) {
            throw new RuleViolation(Rules.APPEAL_MUST_BE_FILED, "No appeal \"" + appealId
                    + "\" has been filed in this case; file the appeal first.");
        }
        return appeal;
    }

    private Appeal requirePanelDecision(String appealId) {
        Appeal appeal = requireAppeal(appealId);
        if (appeal.panelDecision == null) {
            throw new RuleViolation(Rules.PANEL_DECISION_REQUIRED, "Appeal \"" + appealId
                    + "\" has no panel decision yet; rehearing en banc reviews a panel decision, so record that first.");
        }
        return appeal;
    }

    private Petition requirePetition(String petitionId) {
        Petition petition = state().petitions.get(petitionId);
        if (petition == null) {
            throw new RuleViolation(Rules.PETITION_MUST_EXIST, "No certiorari petition \"" + petitionId
                    + "\" has been filed in this case; record the petition first.");
        }
        return petition;
    }

    private Trial requireTrial(String trialId) {
        Trial trial = state().trials.get(trialId);
        if (trial == null) {
            throw new RuleViolation(Rules.TRIAL_MUST_EXIST, "No trial \"" + trialId
                    + "\" has started in this case; record the start of the trial first.");
        }
        return trial;
    }

    private void requireFindingOfTrial(CountFinding finding, Trial trial) {
        Charge charge = state().charges.get(finding.chargeId());
        boolean matches = charge != null && charge.hasCount(finding.countNumber())
                && trial.defendants.contains(finding.defendantId()) && charge.defendants.contains(finding.defendantId());
        if (!matches) {
            throw new RuleViolation(Rules.FINDING_MUST_MATCH_TRIAL, "The finding on charge \"" + finding.chargeId()
                    + "\" count " + finding.countNumber() + " for \"" + finding.defendantId()
                    + "\" does not name a charge, count and defendant of trial \"" + trial.id + "\"; check the finding.");
        }
    }

    private Investigation requireOpenInvestigation(String investigationId) {
        Investigation investigation = state().investigations.get(investigationId);
        if (investigation == null || !investigation.opened || investigation.closed) {
            throw new RuleViolation(Rules.INVESTIGATION_MUST_BE_OPEN, "Investigation \"" + investigationId + "\" "
                    + (investigation == null ? "was never opened in this case; record its opening first."
                    : investigation.closed ? "is already closed." : "was declined, not opened."));
        }
        return investigation;
    }

    private Entry requireLiveEntry(String entryId, String done) {
        Entry entry = entries.stream().filter(e -> e.id().equals(entryId)).findFirst().orElseThrow(() ->
                new RuleViolation(Rules.ENTRY_MUST_EXIST, "Case \"" + caseId + "\" has no entry \"" + entryId
                        + "\"; name the id of one of its events."));
        if (entry.retracted()) {
            throw new RuleViolation(Rules.ENTRY_ALREADY_RETRACTED, "Entry " + entry.describe()
                    + " was retracted; it cannot be " + done + ".");
        }
        if (entry.event() instanceof EntryRetracted) {
            throw new RuleViolation(Rules.RETRACTION_IS_FINAL, "Entry " + entry.describe()
                    + " is a retraction and cannot be " + done + "; record the retracted step again instead.");
        }
        return entry;
    }

    /** Folds the record as it would stand after a correction or retraction, and checks its dates again. */
    private void requireDatesStayInOrderAfter(CaseEvent change) {
        List<Entry> after = new ArrayList<>(entries);
        if (change instanceof EntryRetracted retraction) {
            after.replaceAll(e -> e.id().equals(retraction.entryId()) ? e.asRetracted() : e);
        }
        after.add(new Entry("pending", change, false));
        CaseState.withDates(after).datesOutOfOrder().ifPresent(violation -> {
            throw violation;
        });
    }

    // ---- helpers ----

    private Entry entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    private static PartialDate dateOrToday(PartialDate on) {
        return on != null ? on : PartialDate.of(LocalDate.ofInstant(GenericEventMessage.clock.instant(), ZoneOffset.UTC));
    }

    private static VerdictOutcome outcomeOf(List<CountFinding> findings) {
        Set<Finding> distinct = findings.stream().map(CountFinding::finding).collect(Collectors.toSet());
        if (distinct.size() != 1) {
            return VerdictOutcome.MIXED;
        }
        return switch (distinct.iterator().next()) {
            case GUILTY -> VerdictOutcome.GUILTY;
            case NOT_GUILTY -> VerdictOutcome.NOT_GUILTY;
            case HUNG -> VerdictOutcome.HUNG;
        };
    }

    private static String describe(DecisionKind kind) {
        return switch (kind) {
            case REMAND_ORDER -> "remanded removal";
            case IMMUNITY_RULING -> "ruling on the immunity claim";
            case DISMISSAL -> "dismissed charge";
            case JUDGMENT -> "verdict in the trial";
            case APPEAL_DECISION -> "decided appeal";
        };
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }
}
