package casetrack.query.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import casetrack.shared.event.*;
import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.CaseOutcome;
import casetrack.shared.value.ChargeCount;
import casetrack.shared.value.ChargingInstrument;
import casetrack.shared.value.Court;
import casetrack.shared.value.CourtLevel;
import casetrack.shared.value.DecisionKind;
import casetrack.shared.value.DecisionRef;
import casetrack.shared.value.DismissalReason;
import casetrack.shared.value.Finding;
import casetrack.shared.value.HearingKind;
import casetrack.shared.value.ImmunityOutcome;
import casetrack.shared.value.ImmunityRoute;
import casetrack.shared.value.LegalFlag;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Party;
import casetrack.shared.value.Prejudice;
import casetrack.shared.value.Proceeding;

/**
 * Everything the case summary knows about one case, folded from its steps in recording order.
 * Stored as JSON beside the summary's query columns; nothing here depends on today's date (what
 * is overdue or how long ago is worked out when read), so a replay rebuilds it byte for byte.
 */
public class CaseFile implements CaseDirectory {

    /** The removal clock of 28 U.S.C. §1455(b)(1): 30 days after arraignment in state court. */
    public static final int REMOVAL_WINDOW_DAYS = 30;

    public String caseId;
    public String title;
    public String state;
    public String agency;
    public String place;
    public String incident;
    public PartialDate incidentOn;
    public List<String> victims = new ArrayList<>();
    public CaseStage stage = CaseStage.INVESTIGATION;
    public CaseStage stageBeforeAppeal;
    public CaseStage stageBeforeClosing;
    public boolean open = true;
    public CaseOutcome outcome;
    public boolean inFederalCourt;
    /** Defendants whose trial has started: 28 U.S.C. §1455(b)(1) allows removal only before trial, so their clock stops. */
    public Set<String> triedDefendants = new LinkedHashSet<>();
    public CourtSeat stateCourt;
    public CourtSeat trialCourt;
    public CourtSeat currentCourt;
    public String prosecutingOffice;
    public String prosecutor;
    public Map<String, DefendantStatus> defendants = new LinkedHashMap<>();
    public Map<String, Investigation> investigations = new LinkedHashMap<>();
    public Map<String, Charge> charges = new LinkedHashMap<>();
    public Map<String, Removal> removals = new LinkedHashMap<>();
    public Map<String, ImmunityClaim> immunityClaims = new LinkedHashMap<>();
    public Map<String, Appeal> appeals = new LinkedHashMap<>();
    public Map<String, Hearing> hearings = new LinkedHashMap<>();
    public List<FlagRaised> flags = new ArrayList<>();
    public LastStep lastStep;
    public int correctedCount;
    public int retractedCount;
    public long version = -1;

    public record CourtSeat(String name, CourtLevel level, String docket) {
        static CourtSeat of(Court court, String docket) {
            return court == null ? null : new CourtSeat(court.name(), court.level(), docket);
        }
    }

    public enum ImmunityStatus { NOT_ASSERTED, ASSERTED, GRANTED, DENIED, GRANT_REVERSED, DENIAL_REVERSED }

    public enum ChargeStatus { FILED, AMENDED, DISMISSED, CONVICTED, ACQUITTED, HUNG }

    public enum AppealKind { APPEAL, CERTIORARI }

    public enum AppealStatus {
        OPEN, REHEARING_PETITIONED, REHEARING_EN_BANC, CERTIORARI_GRANTED, DECIDED, CERTIORARI_DENIED, VACATED_AS_MOOT;

        public boolean isOpen() {
            return this == OPEN || this == REHEARING_PETITIONED || this == REHEARING_EN_BANC || this == CERTIORARI_GRANTED;
        }
    }

    public enum HearingStatus { SCHEDULED, HELD, VACATED }

    public static class DefendantStatus {
        public String defendantId;
        public String name;
        public String agency;
        public String role;
        public ImmunityStatus immunity = ImmunityStatus.NOT_ASSERTED;
        public String custody;
        public PartialDate arraignedOn;
        public boolean removalNoticeFiled;
        /** Open while the defendant is arraigned, charged and has filed no removal notice. */
        public LocalDate removalDeadline;
        public String sentence;
    }

    public static class Investigation {
        public String investigationId;
        public String conductedBy;
        public String status;
        public PartialDate since;
    }

    public static class Charge {
        public String chargeId;
        public ChargingInstrument instrument;
        public String filedBy;
        public CourtSeat court;
        public List<String> defendantIds = new ArrayList<>();
        public List<ChargeCount> counts = new ArrayList<>();
        public PartialDate filedOn;
        public ChargeStatus status = ChargeStatus.FILED;
        public DismissalReason dismissalReason;
        public Prejudice prejudice;
    }

    public static class Removal {
        public String removalId;
        public List<String> defendantIds = new ArrayList<>();
        public CourtSeat court;
        public PartialDate filedOn;
        public String status;
    }

    public static class ImmunityClaim {
        public String claimId;
        public List<String> defendantIds = new ArrayList<>();
        public ImmunityRoute route;
        public CourtSeat court;
        public PartialDate assertedOn;
        public ImmunityStatus status = ImmunityStatus.ASSERTED;
        public PartialDate ruledOn;
        public String judge;
        public String citation;
        public Prejudice prejudice;
    }

    public static class Appeal {
        public String appealId;
        public AppealKind kind;
        public Party appellant;
        public CourtSeat court;
        public DecisionRef decision;
        public PartialDate filedOn;
        public AppealStatus status = AppealStatus.OPEN;
        public AppealOutcome outcome;
        public String bench;
        public Integer votesFor;
        public Integer votesAgainst;
        public String citation;
        public PartialDate decidedOn;
        public int amicusBriefs;
    }

    public static class Hearing {
        public String hearingId;
        public HearingKind kind;
        public Proceeding proceeding;
        public String court;
        public LocalDate scheduledFor;
        public HearingStatus status;
        public PartialDate heldOn;
        public String outcome;
    }

    public record FlagRaised(LegalFlag flag, String eventId, PartialDate occurredOn) {
    }

    public record LastStep(String type, PartialDate occurredOn, String summary, String eventId) {
    }

    // ---- the fold -------------------------------------------------------------------------------

    /**
     * Applies one step. {@code inEffect} is false for a retracted step: it still counts as a
     * recorded version, but changes nothing the case is said to be.
     */
    public void apply(Step step, boolean inEffect) {
        version = step.sequence();
        CaseEvent e = step.event();
        if (e instanceof EntryCorrected) {
            correctedCount++;
        } else if (e instanceof EntryRetracted) {
            retractedCount++;
        }
        if (!inEffect) {
            return;
        }
        PartialDate on = step.occurredOn();
        if (e instanceof CaseOpened x) {
            caseId = x.caseId();
            title = x.title();
            state = x.state();
            agency = x.agency();
            place = x.place();
            incident = x.incident();
            incidentOn = on;
            victims = x.victims() == null ? new ArrayList<>() : new ArrayList<>(x.victims());
            if (x.defendants() != null) {
                x.defendants().forEach(d -> addDefendant(d.defendantId(), d.name(), d.agency(), d.role()));
            }
        } else if (e instanceof DefendantAdded x) {
            addDefendant(x.defendant().defendantId(), x.defendant().name(), x.defendant().agency(), x.defendant().role());
        } else if (e instanceof CaptionChanged x) {
            title = x.title();
        } else if (e instanceof InvestigationOpened x) {
            investigation(x.investigationId(), x.conductedBy(), "OPEN", on);
        } else if (e instanceof InvestigationDeclined x) {
            investigation(x.investigationId(), x.declinedBy(), "DECLINED", on);
        } else if (e instanceof InvestigationClosed x) {
            investigation(x.investigationId(), null, "CLOSED", on);
        } else if (e instanceof InvestigationBlocked x) {
            investigation(x.investigationId(), null, "BLOCKED", on);
        } else if (e instanceof StateChargeFiled x) {
            Charge charge = new Charge();
            charge.chargeId = x.chargeId();
            charge.instrument = x.instrument();
            charge.filedBy = x.filedBy();
            charge.court = CourtSeat.of(x.court(), x.docketNumber());
            charge.defendantIds = named(x.defendantIds());
            charge.counts = x.counts() == null ? new ArrayList<>() : new ArrayList<>(x.counts());
            charge.filedOn = on;
            charges.put(charge.chargeId, charge);
            if (prosecutingOffice == null) {
                prosecutingOffice = x.filedBy();
            }
            if (!inFederalCourt) {
                stateCourt = charge.court;
                trialCourt = charge.court;
                currentCourt = openAppeals().isEmpty() ? charge.court : currentCourt;
            }
            if (stage == CaseStage.INVESTIGATION || stage == CaseStage.DISMISSED) {
                stage = CaseStage.CHARGED;
            }
        } else if (e instanceof ChargesAmended x) {
            Optional.ofNullable(charges.get(x.chargeId())).ifPresent(c -> {
                c.counts = x.counts() == null ? new ArrayList<>() : new ArrayList<>(x.counts());
                c.status = ChargeStatus.AMENDED;
            });
        } else if (e instanceof DefendantTakenIntoCustody x) {
            forDefendants(x.defendantIds(), d -> d.custody = x.kind() + (x.custodian() == null ? "" : " (" + x.custodian() + ")"));
        } else if (e instanceof DefendantArraigned x) {
            forDefendants(x.defendantIds(), d -> {
                if (d.arraignedOn == null) {
                    d.arraignedOn = on;
                }
            });
        } else if (e instanceof RemovalNoticeFiled x) {
            Removal removal = new Removal();
            removal.removalId = x.removalId();
            removal.defendantIds = named(x.defendantIds());
            removal.court = CourtSeat.of(x.court(), x.docketNumber());
            removal.filedOn = on;
            removal.status = "PENDING";
            removals.put(removal.removalId, removal);
            forDefendants(x.defendantIds(), d -> d.removalNoticeFiled = true);
            raise(x.flags(), step);
            stage = CaseStage.REMOVAL_PENDING;
        } else if (e instanceof RemovalAllowed x) {
            Removal removal = removals.get(x.removalId());
            if (removal != null) {
                removal.status = "ALLOWED";
                trialCourt = removal.court;
                currentCourt = removal.court;
            }
            inFederalCourt = true;
            stage = CaseStage.FEDERAL_COURT;
        } else if (e instanceof CaseRemanded x) {
            Optional.ofNullable(removals.get(x.removalId())).ifPresent(r -> r.status = "REMANDED");
            inFederalCourt = false;
            trialCourt = stateCourt;
            currentCourt = stateCourt;
            stage = CaseStage.REMANDED;
        } else if (e instanceof ImmunityAsserted x) {
            ImmunityClaim claim = new ImmunityClaim();
            claim.claimId = x.claimId();
            claim.defendantIds = named(x.defendantIds());
            claim.route = x.route();
            claim.court = CourtSeat.of(x.court(), x.docketNumber());
            claim.assertedOn = on;
            immunityClaims.put(claim.claimId, claim);
            forDefendants(x.defendantIds(), d -> d.immunity = ImmunityStatus.ASSERTED);
            stage = CaseStage.IMMUNITY_PENDING;
        } else if (e instanceof ImmunityRuledOn x) {
            ImmunityClaim claim = immunityClaims.get(x.claimId());
            ImmunityStatus status = x.outcome() == ImmunityOutcome.GRANTED ? ImmunityStatus.GRANTED : ImmunityStatus.DENIED;
            if (claim != null) {
                claim.status = status;
                claim.ruledOn = on;
                claim.judge = x.judge();
                claim.citation = x.citation();
                claim.prejudice = x.prejudice();
                forDefendants(claim.defendantIds, d -> d.immunity = status);
            }
            stage = status == ImmunityStatus.GRANTED ? CaseStage.IMMUNITY_GRANTED : CaseStage.IMMUNITY_DENIED;
        } else if (e instanceof HearingScheduled x) {
            Hearing hearing = hearings.computeIfAbsent(x.hearingId(), id -> new Hearing());
            hearing.hearingId = x.hearingId();
            hearing.kind = x.kind();
            hearing.proceeding = x.proceeding();
            hearing.court = x.court() == null ? null : x.court().name();
            hearing.scheduledFor = x.scheduledFor();
            hearing.status = HearingStatus.SCHEDULED;
        } else if (e instanceof HearingHeld x) {
            Hearing hearing = hearings.computeIfAbsent(x.hearingId(), id -> new Hearing());
            hearing.hearingId = x.hearingId();
            hearing.kind = x.kind();
            hearing.proceeding = x.proceeding();
            hearing.court = x.court() == null ? hearing.court : x.court().name();
            hearing.heldOn = on;
            hearing.outcome = x.outcome();
            hearing.status = HearingStatus.HELD;
        } else if (e instanceof HearingPostponed x) {
            Optional.ofNullable(hearings.get(x.hearingId())).ifPresent(h -> {
                h.scheduledFor = x.newDate();
                h.status = HearingStatus.SCHEDULED;
            });
        } else if (e instanceof HearingVacated x) {
            Optional.ofNullable(hearings.get(x.hearingId())).ifPresent(h -> h.status = HearingStatus.VACATED);
        } else if (e instanceof AppealFiled x) {
            Appeal appeal = new Appeal();
            appeal.appealId = x.appealId();
            appeal.kind = AppealKind.APPEAL;
            appeal.appellant = x.appellant();
            appeal.court = CourtSeat.of(x.court(), x.docketNumber());
            appeal.decision = x.decision();
            appeal.filedOn = on;
            openAppeal(appeal);
        } else if (e instanceof AmicusBriefFiled x) {
            Optional.ofNullable(appeals.get(x.appealId())).ifPresent(a -> a.amicusBriefs++);
        } else if (e instanceof AppealDecided x) {
            Optional.ofNullable(appeals.get(x.appealId())).ifPresent(a -> {
                a.bench = x.bench() == null ? null : x.bench().name();
                a.votesFor = x.votesFor();
                a.votesAgainst = x.votesAgainst();
                a.citation = x.citation();
                a.decidedOn = on;
                closeAppeal(a, AppealStatus.DECIDED, x.outcome());
            });
        } else if (e instanceof RehearingEnBancPetitioned x) {
            Optional.ofNullable(appeals.get(x.appealId())).ifPresent(a -> reopenAppeal(a, AppealStatus.REHEARING_PETITIONED));
        } else if (e instanceof RehearingEnBancDecided x) {
            Optional.ofNullable(appeals.get(x.appealId())).ifPresent(a -> {
                if (x.granted()) {
                    reopenAppeal(a, AppealStatus.REHEARING_EN_BANC);
                } else {
                    closeAppeal(a, AppealStatus.DECIDED, a.outcome);
                }
            });
        } else if (e instanceof CertiorariPetitioned x) {
            Appeal petition = new Appeal();
            petition.appealId = x.petitionId();
            petition.kind = AppealKind.CERTIORARI;
            petition.appellant = x.petitioner();
            petition.court = new CourtSeat("Supreme Court of the United States", CourtLevel.SUPREME_COURT, x.docketNumber());
            Appeal below = appeals.get(x.appealId());
            petition.decision = below == null ? new DecisionRef(DecisionKind.APPEAL_DECISION, x.appealId()) : below.decision;
            petition.filedOn = on;
            openAppeal(petition);
        } else if (e instanceof CertiorariDecided x) {
            Optional.ofNullable(appeals.get(x.petitionId())).ifPresent(a -> {
                if (x.granted()) {
                    a.status = AppealStatus.CERTIORARI_GRANTED;
                } else {
                    a.decidedOn = on;
                    closeAppeal(a, AppealStatus.CERTIORARI_DENIED, null);
                }
            });
        } else if (e instanceof SupremeCourtCaseDecided x) {
            Optional.ofNullable(appeals.get(x.petitionId())).ifPresent(a -> {
                a.votesFor = x.votesFor();
                a.votesAgainst = x.votesAgainst();
                a.citation = x.citation();
                a.decidedOn = on;
                closeAppeal(a, AppealStatus.DECIDED, x.outcome());
            });
        } else if (e instanceof DecisionsVacatedAsMoot x) {
            if (x.appealIds() != null) {
                x.appealIds().stream().map(appeals::get).filter(a -> a != null)
                        .forEach(a -> closeAppeal(a, AppealStatus.VACATED_AS_MOOT, a.outcome));
            }
        } else if (e instanceof ProsecutionAuthorityChanged x) {
            prosecutingOffice = x.office();
            prosecutor = x.prosecutor();
        } else if (e instanceof TrialStarted x) {
            trialCourt = x.court() == null ? trialCourt : CourtSeat.of(x.court(), trialCourt == null ? null : trialCourt.docket());
            currentCourt = trialCourt;
            stage = CaseStage.AT_TRIAL;
            if (x.defendantIds() != null) {
                triedDefendants.addAll(x.defendantIds());
            }
        } else if (e instanceof VerdictReturned x) {
            if (x.findings() != null) {
                x.findings().stream().map(f -> f.chargeId()).distinct().map(charges::get).filter(c -> c != null)
                        .forEach(c -> c.status = verdictOn(c, x));
            }
            raise(x.flags(), step);
            stage = CaseStage.VERDICT;
        } else if (e instanceof SentenceImposed x) {
            Optional.ofNullable(defendants.get(x.defendantId())).ifPresent(d -> d.sentence = x.sentence());
        } else if (e instanceof ChargesDismissed x) {
            List<String> ids = x.chargeIds() == null || x.chargeIds().isEmpty() ? List.copyOf(charges.keySet()) : x.chargeIds();
            ids.stream().map(charges::get).filter(c -> c != null).forEach(c -> {
                c.status = ChargeStatus.DISMISSED;
                c.dismissalReason = x.reason();
                c.prejudice = x.prejudice();
            });
            if (!charges.isEmpty() && charges.values().stream().allMatch(c -> c.status == ChargeStatus.DISMISSED)) {
                stage = CaseStage.DISMISSED;
            }
        } else if (e instanceof CaseClosed x) {
            stageBeforeClosing = stage;
            stage = CaseStage.CLOSED;
            open = false;
            outcome = x.outcome();
        } else if (e instanceof CaseReopened) {
            stage = stageBeforeClosing == null ? CaseStage.INVESTIGATION : stageBeforeClosing;
            open = true;
            outcome = null;
        }
        if (!(e instanceof EntryCorrected) && !(e instanceof EntryRetracted)
                && (lastStep == null || !on.earliest().isBefore(lastStep.occurredOn().earliest()))) {
            lastStep = new LastStep(step.type(), on, StepSummaries.describe(e, this), step.eventId());
        }
        refreshRemovalDeadlines();
    }

    private void refreshRemovalDeadlines() {
        for (DefendantStatus d : defendants.values()) {
            boolean clockRuns = open && d.arraignedOn != null && !d.removalNoticeFiled && hasLiveCharge(d.defendantId)
                    && !triedDefendants.contains(d.defendantId);
            d.removalDeadline = clockRuns ? d.arraignedOn.earliest().plusDays(REMOVAL_WINDOW_DAYS) : null;
        }
    }

    private boolean hasLiveCharge(String defendantId) {
        return charges.values().stream().anyMatch(c -> c.status != ChargeStatus.DISMISSED
                && (c.defendantIds.isEmpty() || c.defendantIds.contains(defendantId)));
    }

    private ChargeStatus verdictOn(Charge charge, VerdictReturned verdict) {
        List<Finding> findings = verdict.findings().stream().filter(f -> f.chargeId().equals(charge.chargeId))
                .map(f -> f.finding()).toList();
        if (findings.contains(Finding.GUILTY)) {
            return ChargeStatus.CONVICTED;
        }
        return findings.stream().allMatch(f -> f == Finding.NOT_GUILTY) ? ChargeStatus.ACQUITTED : ChargeStatus.HUNG;
    }

    private void openAppeal(Appeal appeal) {
        if (openAppeals().isEmpty()) {
            stageBeforeAppeal = stage;
        }
        appeals.put(appeal.appealId, appeal);
        currentCourt = appeal.court;
        stage = CaseStage.ON_APPEAL;
    }

    private void reopenAppeal(Appeal appeal, AppealStatus status) {
        if (openAppeals().isEmpty()) {
            stageBeforeAppeal = stage;
        }
        appeal.status = status;
        currentCourt = appeal.court;
        stage = CaseStage.ON_APPEAL;
    }

    private void closeAppeal(Appeal appeal, AppealStatus status, AppealOutcome outcome) {
        boolean wasOpen = appeal.status.isOpen();
        appeal.status = status;
        appeal.outcome = outcome;
        // vacating a decided appeal as moot closes nothing: the case has moved on since
        if (!wasOpen || !openAppeals().isEmpty()) {
            return;
        }
        currentCourt = trialCourt;
        stage = stageAfterAppeal(appeal);
    }

    /**
     * An affirmance, a dismissed appeal or a denied petition leaves the case where it was before
     * the appeal; a reversal, vacatur or remand sends it back to the trial court, except that
     * reversing a denial of immunity grants it.
     */
    private CaseStage stageAfterAppeal(Appeal appeal) {
        CaseStage before = stageBeforeAppeal == null ? CaseStage.CHARGED : stageBeforeAppeal;
        if (appeal.status == AppealStatus.VACATED_AS_MOOT || appeal.outcome == null
                || appeal.outcome == AppealOutcome.AFFIRMED || appeal.outcome == AppealOutcome.DISMISSED) {
            return before;
        }
        if (appeal.decision != null && appeal.decision.kind() == DecisionKind.IMMUNITY_RULING) {
            ImmunityClaim claim = immunityClaims.get(appeal.decision.id());
            if (claim != null && (claim.status == ImmunityStatus.DENIED || claim.status == ImmunityStatus.GRANT_REVERSED)) {
                claim.status = ImmunityStatus.DENIAL_REVERSED;
                forDefendants(claim.defendantIds, d -> d.immunity = ImmunityStatus.DENIAL_REVERSED);
                return CaseStage.IMMUNITY_GRANTED;
            }
            if (claim != null) {
                claim.status = ImmunityStatus.GRANT_REVERSED;
                forDefendants(claim.defendantIds, d -> d.immunity = ImmunityStatus.GRANT_REVERSED);
            }
        }
        return inFederalCourt ? CaseStage.FEDERAL_COURT : CaseStage.CHARGED;
    }

    private void addDefendant(String id, String name, String defendantAgency, String role) {
        DefendantStatus d = new DefendantStatus();
        d.defendantId = id;
        d.name = name;
        d.agency = defendantAgency;
        d.role = role;
        defendants.put(id, d);
    }

    private void investigation(String id, String by, String status, PartialDate on) {
        Investigation inv = investigations.computeIfAbsent(id, k -> new Investigation());
        inv.investigationId = id;
        inv.conductedBy = by == null ? inv.conductedBy : by;
        inv.status = status;
        inv.since = on;
    }

    private void raise(List<LegalFlag> raised, Step step) {
        if (raised != null) {
            raised.forEach(f -> flags.add(new FlagRaised(f, step.eventId(), step.occurredOn())));
        }
    }

    /** An empty list of defendants in a step means all of the case's defendants. */
    private List<String> named(List<String> ids) {
        return ids == null ? new ArrayList<>() : new ArrayList<>(ids);
    }

    private void forDefendants(List<String> ids, java.util.function.Consumer<DefendantStatus> change) {
        Collection<DefendantStatus> targets = ids == null || ids.isEmpty() ? defendants.values()
                : ids.stream().map(defendants::get).filter(d -> d != null).toList();
        targets.forEach(change);
    }

    public List<Appeal> openAppeals() {
        return appeals.values().stream().filter(a -> a.status.isOpen()).toList();
    }

    /** The earliest removal deadline still running for any defendant, if one is. */
    public LocalDate removalDeadline() {
        return defendants.values().stream().map(d -> d.removalDeadline).filter(d -> d != null).min(LocalDate::compareTo)
                .orElse(null);
    }

    // ---- CaseDirectory: names for the one-line summaries -----------------------------------------

    @Override
    public String defendantNames(List<String> ids) {
        Collection<DefendantStatus> named = ids == null || ids.isEmpty() ? defendants.values()
                : ids.stream().map(id -> defendants.getOrDefault(id, unknownDefendant(id))).toList();
        List<String> names = named.stream().map(d -> d.name).toList();
        return names.isEmpty() ? "the defendants" : String.join(" and ", names);
    }

    @Override
    public String defendantName(String id) {
        return defendants.getOrDefault(id, unknownDefendant(id)).name;
    }

    @Override
    public String chargeLabel(String chargeId) {
        Charge charge = charges.get(chargeId);
        if (charge == null || charge.counts.isEmpty()) {
            return "charge " + chargeId;
        }
        return charge.counts.stream().map(c -> c.description() + " (" + c.statute() + ")")
                .reduce((a, b) -> a + "; " + b).orElseThrow();
    }

    @Override
    public CourtLevel appealCourtLevel(String appealId) {
        Appeal appeal = appeals.get(appealId);
        return appeal == null || appeal.court == null ? null : appeal.court.level();
    }

    @Override
    public String appealCourt(String appealId) {
        Appeal appeal = appeals.get(appealId);
        return appeal == null || appeal.court == null ? "the appeal " + appealId : appeal.court.name();
    }

    @Override
    public String removalCourt(String removalId) {
        Removal removal = removals.get(removalId);
        return removal == null || removal.court == null ? "federal court" : removal.court.name();
    }

    private static DefendantStatus unknownDefendant(String id) {
        DefendantStatus d = new DefendantStatus();
        d.defendantId = id;
        d.name = id;
        return d;
    }
}
