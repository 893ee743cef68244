package casetrack.command.cases;

import casetrack.shared.event.AppealDecided;
import casetrack.shared.event.AppealFiled;
import casetrack.shared.event.AmicusBriefFiled;
import casetrack.shared.event.CaptionChanged;
import casetrack.shared.event.CaseClosed;
import casetrack.shared.event.CaseEvent;
import casetrack.shared.event.CaseOpened;
import casetrack.shared.event.CaseRemanded;
import casetrack.shared.event.CaseReopened;
import casetrack.shared.event.CertiorariDecided;
import casetrack.shared.event.CertiorariPetitioned;
import casetrack.shared.event.ChargesAmended;
import casetrack.shared.event.ChargesDismissed;
import casetrack.shared.event.DecisionsVacatedAsMoot;
import casetrack.shared.event.DefendantAdded;
import casetrack.shared.event.DefendantArraigned;
import casetrack.shared.event.DefendantTakenIntoCustody;
import casetrack.shared.event.EntryCorrected;
import casetrack.shared.event.EvidenceAccessDisputed;
import casetrack.shared.event.FederalActionTaken;
import casetrack.shared.event.HearingHeld;
import casetrack.shared.event.HearingPostponed;
import casetrack.shared.event.HearingScheduled;
import casetrack.shared.event.HearingVacated;
import casetrack.shared.event.ImmunityAsserted;
import casetrack.shared.event.ImmunityRuledOn;
import casetrack.shared.event.InvestigationBlocked;
import casetrack.shared.event.InvestigationClosed;
import casetrack.shared.event.InvestigationDeclined;
import casetrack.shared.event.InvestigationOpened;
import casetrack.shared.event.ProsecutionAuthorityChanged;
import casetrack.shared.event.PublicStatementMade;
import casetrack.shared.event.RehearingEnBancDecided;
import casetrack.shared.event.RehearingEnBancPetitioned;
import casetrack.shared.event.RemovalAllowed;
import casetrack.shared.event.RemovalNoticeFiled;
import casetrack.shared.event.SentenceImposed;
import casetrack.shared.event.StateChargeFiled;
import casetrack.shared.event.SupremeCourtCaseDecided;
import casetrack.shared.event.TrialStarted;
import casetrack.shared.event.VerdictReturned;
import casetrack.shared.value.AppealOutcome;
import casetrack.shared.value.Bench;
import casetrack.shared.value.ChargeCount;
import casetrack.shared.value.Court;
import casetrack.shared.value.CountFinding;
import casetrack.shared.value.DecisionKind;
import casetrack.shared.value.DecisionRef;
import casetrack.shared.value.Finding;
import casetrack.shared.value.ImmunityOutcome;
import casetrack.shared.value.ImmunityRoute;
import casetrack.shared.value.PartialDate;
import casetrack.shared.value.Proceeding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The consistency state of a case: a fold over its entries that are not retracted, each read with
 * its corrected date when a correction gave one. Every entity remembers the entry that established
 * it, and the fold notes which later entries depend on which earlier ones (for retractions).
 * Derived, never stored: it is rebuilt from the entries after a retraction, a date correction or a
 * snapshot load.
 * <p>
 * Two folds: {@link #of} is what the rules read on every step, and passes over the steps no rule
 * looks inside (statements, captions, ...: {@link #readsOnlyKindAndDate}); {@link #withDates} also
 * keeps every entry's date and kind and the pairs that must stay in order, which only the check of a
 * correction or retraction reads ({@link #datesOutOfOrder}). A case of 10,000 statements thus loads
 * without touching them.
 */
final class CaseState {

    enum ChargeStatus { ACTIVE, DISMISSED }

    enum RemovalStatus { PENDING, ALLOWED, REMANDED }

    enum ClaimStatus { PENDING, GRANTED, DENIED }

    enum HearingStatus { SCHEDULED, HELD, POSTPONED, VACATED }

    /** A dated decision and the entry that recorded it. */
    record Decided(String entryId, PartialDate on) {
    }

    static final class Charge {
        final String id;
        final String establishedBy;
        final List<String> defendants;
        final PartialDate filedOn;
        List<ChargeCount> counts;
        final Set<String> dismissedFor = new LinkedHashSet<>();
        Decided dismissal;

        Charge(String id, String establishedBy, List<String> defendants, List<ChargeCount> counts, PartialDate filedOn) {
            this.id = id;
            this.establishedBy = establishedBy;
            this.defendants = defendants;
            this.counts = counts;
            this.filedOn = filedOn;
        }

        boolean activeAgainst(String defendantId) {
            return defendants.contains(defendantId) && !dismissedFor.contains(defendantId);
        }

        ChargeStatus status() {
            return defendants.stream().anyMatch(this::activeAgainst) ? ChargeStatus.ACTIVE : ChargeStatus.DISMISSED;
        }

        boolean hasCount(int number) {
            return counts.stream().anyMatch(count -> count.number() == number);
        }
    }

    static final class Removal {
        final String id;
        final String establishedBy;
        final List<String> defendants;
        final PartialDate filedOn;
        RemovalStatus status = RemovalStatus.PENDING;
        Decided decision;

        Removal(String id, String establishedBy, List<String> defendants, PartialDate filedOn) {
            this.id = id;
            this.establishedBy = establishedBy;
            this.defendants = defendants;
            this.filedOn = filedOn;
        }
    }

    static final class Claim {
        final String id;
        final String establishedBy;
        final List<String> defendants;
        final ImmunityRoute route;
        final PartialDate assertedOn;
        ClaimStatus status = ClaimStatus.PENDING;
        Decided ruling;
        /** The appeal whose decision reopened the ruling, if one did. */
        String reopenedByAppeal;
        /** The charges (and for whom) the grant dismissed, so that a reversal can revive exactly these. */
        final Map<String, Set<String>> dismissedByGrant = new LinkedHashMap<>();

        Claim(String id, String establishedBy, List<String> defendants, ImmunityRoute route, PartialDate assertedOn) {
            this.id = id;
            this.establishedBy = establishedBy;
            this.defendants = defendants;
            this.route = route;
            this.assertedOn = assertedOn;
        }

        boolean awaitsRuling() {
            return status == ClaimStatus.PENDING || reopenedByAppeal != null;
        }

        boolean standingGrant() {
            return status == ClaimStatus.GRANTED && reopenedByAppeal == null;
        }
    }

    static final class Hearing {
        final String id;
        final String establishedBy;
        HearingStatus status;

        Hearing(String id, String establishedBy, HearingStatus status) {
            this.id = id;
            this.establishedBy = establishedBy;
            this.status = status;
        }

        boolean onCalendar() {
            return status == HearingStatus.SCHEDULED || status == HearingStatus.POSTPONED;
        }
    }

    static final class Appeal {
        final String id;
        final String establishedBy;
        final PartialDate filedOn;
        final DecisionRef decision;
        Decided panelDecision;
        AppealOutcome panelOutcome;
        boolean enBancPetitioned;
        Decided enBancRehearing;
        boolean enBancGranted;
        Decided enBancDecision;
        boolean vacatedAsMoot;

        Appeal(String id, String establishedBy, PartialDate filedOn, DecisionRef decision) {
            this.id = id;
            this.establishedBy = establishedBy;
            this.filedOn = filedOn;
            this.decision = decision;
        }

        /** The appeal's last word: the en banc decision if there is one, else the panel's. */
        Optional<Decided> lastDecision() {
            return Optional.ofNullable(enBancDecision != null ? enBancDecision : panelDecision);
        }
    }

    static final class Petition {
        final String id;
        final String establishedBy;
        final String appealId;
        final PartialDate filedOn;
        Decided certiorari;
        boolean granted;
        Decided supremeCourtDecision;

        Petition(String id, String establishedBy, String appealId, PartialDate filedOn) {
            this.id = id;
            this.establishedBy = establishedBy;
            this.appealId = appealId;
            this.filedOn = filedOn;
        }
    }

    static final class Trial {
        final String id;
        final String establishedBy;
        final List<String> defendants;
        final Court court;
        final PartialDate startedOn;
        List<CountFinding> findings = List.of();
        Decided verdict;

        Trial(String id, String establishedBy, List<String> defendants, Court court, PartialDate startedOn) {
            this.id = id;
            this.establishedBy = establishedBy;
            this.defendants = defendants;
            this.court = court;
            this.startedOn = startedOn;
        }

        boolean foundGuilty(String defendantId) {
            return findings.stream().anyMatch(f -> f.defendantId().equals(defendantId) && f.finding() == Finding.GUILTY);
        }
    }

    static final class Investigation {
        final String id;
        final String establishedBy;
        final boolean opened;
        final PartialDate openedOn;
        boolean closed;

        Investigation(String id, String establishedBy, boolean opened, PartialDate openedOn) {
            this.id = id;
            this.establishedBy = establishedBy;
            this.opened = opened;
            this.openedOn = openedOn;
        }
    }

    private static final Set<AppealOutcome> UNDOING = EnumSet.of(AppealOutcome.REVERSED,
            AppealOutcome.REVERSED_AND_REMANDED, AppealOutcome.VACATED, AppealOutcome.VACATED_AND_REMANDED,
            AppealOutcome.REMANDED);

    PartialDate incidentOn;
    boolean closed;
    final Map<String, String> defendants = new LinkedHashMap<>();
    final Map<String, Charge> charges = new LinkedHashMap<>();
    final Map<String, PartialDate> arraignedOn = new HashMap<>();
    final Map<String, Removal> removals = new LinkedHashMap<>();
    final Map<String, Claim> claims = new LinkedHashMap<>();
    final Map<String, Hearing> hearings = new LinkedHashMap<>();
    final Map<String, Appeal> appeals = new LinkedHashMap<>();
    final Map<String, Petition> petitions = new LinkedHashMap<>();
    final Map<String, Trial> trials = new LinkedHashMap<>();
    final Map<String, Investigation> investigations = new LinkedHashMap<>();
    final Set<String> defendantsWithVerdict = new LinkedHashSet<>();
    /** The date each folded entry stands for, after corrections. */
    private final Map<String, PartialDate> entryDates = new HashMap<>();
    /** For each entry, the later entries that rely on it. */
    private final Map<String, Set<String>> dependents = new HashMap<>();
    /** Pairs of entries whose dates must stay in order (a decision and its filing, ...), checked again after corrections. */
    private final List<DateOrder> dateOrder = new ArrayList<>();
    private final Map<String, String> entryKinds = new HashMap<>();
    /** Whether this fold keeps the tables above ({@link #withDates}) or passes over what only they read ({@link #of}). */
    private final boolean checksDates;

    /** The entry {@code later} may not be dated certainly before the entry {@code earlier}. */
    record DateOrder(String later, String earlier) {
    }

    private String current;

    private CaseState(boolean checksDates) {
        this.checksDates = checksDates;
    }

    /** What the rules read: the entries that are not retracted, each with its latest correction's date. */
    static CaseState of(List<Entry> entries) {
        return fold(entries, false);
    }

    /** The same, and every entry's date and kind, for checking that a change keeps the dates in order. */
    static CaseState withDates(List<Entry> entries) {
        return fold(entries, true);
    }

    private static CaseState fold(List<Entry> entries, boolean checksDates) {
        Map<String, PartialDate> correctedDates = new HashMap<>();
        for (Entry entry : entries) {
            if (!entry.retracted() && entry.event() instanceof EntryCorrected c && c.correctedOccurredOn() != null) {
                correctedDates.put(c.entryId(), c.correctedOccurredOn());
            }
        }
        CaseState state = new CaseState(checksDates);
        for (Entry entry : entries) {
            if (!entry.retracted()) {
                state.fold(entry.id(), entry.event(), correctedDates.getOrDefault(entry.id(), entry.event().occurredOn()));
            }
        }
        return state;
    }

    Set<String> dependentsOf(String entryId) {
        return dependents.getOrDefault(entryId, Set.of());
    }

    // ---- the fold ----

    /**
     * The events the fold reads only for their kind and date (nothing below looks inside them), so a
     * snapshot leaves them out and the rules' fold passes over them. Keep this in step with the fold.
     */
    static boolean readsOnlyKindAndDate(CaseEvent event) {
        return event instanceof PublicStatementMade || event instanceof CaptionChanged
                || event instanceof EvidenceAccessDisputed || event instanceof ProsecutionAuthorityChanged
                || event instanceof FederalActionTaken;
    }

    void fold(String entryId, CaseEvent event, PartialDate on) {
        if (!checksDates && readsOnlyKindAndDate(event)) {
            return;
        }
        current = entryId;
        if (checksDates) {
            entryDates.put(entryId, on);
            entryKinds.put(entryId, event.getClass().getSimpleName());
        }
        if (event instanceof CaseOpened e) {
            incidentOn = on;
            e.defendants().forEach(d -> defendants.put(d.defendantId(), entryId));
        } else if (event instanceof DefendantAdded e) {
            defendants.put(e.defendant().defendantId(), entryId);
        } else if (event instanceof InvestigationOpened e) {
            investigations.put(e.investigationId(), new Investigation(e.investigationId(), entryId, true, on));
        } else if (event instanceof InvestigationDeclined e) {
            investigations.put(e.investigationId(), new Investigation(e.investigationId(), entryId, false, on));
        } else if (event instanceof InvestigationClosed e) {
            Investigation investigation = investigations.get(e.investigationId());
            follow(investigation.establishedBy);
            investigation.closed = true;
        } else if (event instanceof InvestigationBlocked e) {
            follow(investigations.get(e.investigationId()).establishedBy);
        } else if (event instanceof StateChargeFiled e) {
            e.defendantIds().forEach(d -> dependOn(defendants.get(d)));
            charges.put(e.chargeId(), new Charge(e.chargeId(), entryId, e.defendantIds(), e.counts(), on));
        } else if (event instanceof ChargesAmended e) {
            Charge charge = charges.get(e.chargeId());
            dependOn(charge.establishedBy);
            charge.counts = e.counts();
        } else if (event instanceof DefendantTakenIntoCustody e) {
            dependOnChargesAgainst(e.defendantIds());
        } else if (event instanceof DefendantArraigned e) {
            dependOnChargesAgainst(e.defendantIds());
            e.defendantIds().forEach(d -> arraignedOn.putIfAbsent(d, on));
        } else if (event instanceof RemovalNoticeFiled e) {
            dependOnChargesAgainst(e.defendantIds());
            removals.put(e.removalId(), new Removal(e.removalId(), entryId, e.defendantIds(), on));
        } else if (event instanceof RemovalAllowed e) {
            decideRemoval(e.removalId(), RemovalStatus.ALLOWED, on);
        } else if (event instanceof CaseRemanded e) {
            decideRemoval(e.removalId(), RemovalStatus.REMANDED, on);
        } else if (event instanceof ImmunityAsserted e) {
            dependOnChargesAgainst(e.defendantIds());
            claims.put(e.claimId(), new Claim(e.claimId(), entryId, e.defendantIds(), e.route(), on));
        } else if (event instanceof ImmunityRuledOn e) {
            ruleOnImmunity(e, on);
        } else if (event instanceof HearingScheduled e) {
            dependOn(establishingEntry(e.proceeding()).orElse(null));
            hearings.put(e.hearingId(), new Hearing(e.hearingId(), entryId, HearingStatus.SCHEDULED));
        } else if (event instanceof HearingHeld e) {
            dependOn(establishingEntry(e.proceeding()).orElse(null));
            Hearing scheduled = hearings.get(e.hearingId());
            if (scheduled == null) {
                hearings.put(e.hearingId(), new Hearing(e.hearingId(), entryId, HearingStatus.HELD));
            } else {
                dependOn(scheduled.establishedBy);
                scheduled.status = HearingStatus.HELD;
            }
        } else if (event instanceof HearingPostponed e) {
            changeHearing(e.hearingId(), HearingStatus.POSTPONED);
        } else if (event instanceof HearingVacated e) {
            changeHearing(e.hearingId(), HearingStatus.VACATED);
        } else if (event instanceof AppealFiled e) {
            appealedDecision(e.decision()).ifPresent(this::follow);
            appeals.put(e.appealId(), new Appeal(e.appealId(), entryId, on, e.decision()));
        } else if (event instanceof AmicusBriefFiled e) {
            dependOn(appeals.get(e.appealId()).establishedBy);
        } else if (event instanceof AppealDecided e) {
            decideAppeal(e, on);
        } else if (event instanceof RehearingEnBancPetitioned e) {
            Appeal appeal = appeals.get(e.appealId());
            follow(appeal.panelDecision.entryId());
            appeal.enBancPetitioned = true;
        } else if (event instanceof RehearingEnBancDecided e) {
            Appeal appeal = appeals.get(e.appealId());
            follow(appeal.panelDecision.entryId());
            appeal.enBancRehearing = new Decided(entryId, on);
            appeal.enBancGranted = e.granted();
        } else if (event instanceof CertiorariPetitioned e) {
            Appeal appeal = appeals.get(e.appealId());
            follow(appeal.lastDecision().map(Decided::entryId).orElse(appeal.establishedBy));
            petitions.put(e.petitionId(), new Petition(e.petitionId(), entryId, e.appealId(), on));
        } else if (event instanceof CertiorariDecided e) {
            Petition petition = petitions.get(e.petitionId());
            follow(petition.establishedBy);
            petition.certiorari = new Decided(entryId, on);
            petition.granted = e.granted();
        } else if (event instanceof SupremeCourtCaseDecided e) {
            Petition petition = petitions.get(e.petitionId());
            follow(petition.certiorari.entryId());
            petition.supremeCourtDecision = new Decided(entryId, on);
        } else if (event instanceof TrialStarted e) {
            dependOnChargesAgainst(e.defendantIds());
            trials.put(e.trialId(), new Trial(e.trialId(), entryId, e.defendantIds(), e.court(), on));
        } else if (event instanceof VerdictReturned e) {
            Trial trial = trials.get(e.trialId());
            follow(trial.establishedBy);
            e.findings().forEach(f -> dependOn(charges.get(f.chargeId()).establishedBy));
            trial.findings = e.findings();
            trial.verdict = new Decided(entryId, on);
            e.findings().forEach(f -> defendantsWithVerdict.add(f.defendantId()));
        } else if (event instanceof SentenceImposed e) {
            follow(trials.get(e.trialId()).verdict.entryId());
        } else if (event instanceof ChargesDismissed e) {
            for (String chargeId : e.chargeIds()) {
                Charge charge = charges.get(chargeId);
                follow(charge.establishedBy);
                charge.dismissedFor.addAll(charge.defendants);
                charge.dismissal = new Decided(entryId, on);
            }
        } else if (event instanceof DecisionsVacatedAsMoot e) {
            // mootness rests on every dismissal that ended the case
            charges.values().stream().filter(c -> c.dismissal != null).forEach(c -> dependOn(c.dismissal.entryId()));
            claims.values().stream().filter(c -> !c.dismissedByGrant.isEmpty()).forEach(c -> dependOn(c.ruling.entryId()));
            e.appealIds().forEach(id -> {
                dependOn(appeals.get(id).establishedBy);
                appeals.get(id).vacatedAsMoot = true;
            });
        } else if (event instanceof CaseClosed) {
            closed = true;
        } else if (event instanceof CaseReopened) {
            closed = false;
        }
        // captions, evidence disputes, authority changes, federal actions, statements, corrections and
        // retractions change nothing the rules read
    }

    private void dependOn(String entryId) {
        if (entryId != null && !entryId.equals(current)) {
            dependents.computeIfAbsent(entryId, id -> new LinkedHashSet<>()).add(current);
        }
    }

    /** Depends on an earlier entry and may not be dated before it. */
    private void follow(String entryId) {
        dependOn(entryId);
        notBefore(entryId);
    }

    private void notBefore(String entryId) {
        if (checksDates && entryId != null && !entryId.equals(current)) {
            dateOrder.add(new DateOrder(current, entryId));
        }
    }

    private void dependOnChargesAgainst(List<String> defendantIds) {
        for (String defendantId : defendantIds) {
            dependOn(defendants.get(defendantId));
            List<Charge> active = activeChargesAgainst(defendantId);
            active.forEach(c -> dependOn(c.establishedBy));
            // the step needs one charge not after it: the earliest one is the one that can be
            active.stream().min(Comparator.comparing((Charge c) -> c.filedOn.earliest()))
                    .ifPresent(c -> notBefore(c.establishedBy));
        }
    }

    private void decideRemoval(String removalId, RemovalStatus status, PartialDate on) {
        Removal removal = removals.get(removalId);
        follow(removal.establishedBy);
        removal.status = status;
        removal.decision = new Decided(current, on);
    }

    private void changeHearing(String hearingId, HearingStatus status) {
        Hearing hearing = hearings.get(hearingId);
        dependOn(hearing.establishedBy);
        hearing.status = status;
    }

    private void ruleOnImmunity(ImmunityRuledOn e, PartialDate on) {
        Claim claim = claims.get(e.claimId());
        follow(claim.establishedBy);
        reviveChargesDismissedBy(claim);
        claim.status = e.outcome() == ImmunityOutcome.GRANTED ? ClaimStatus.GRANTED : ClaimStatus.DENIED;
        claim.ruling = new Decided(current, on);
        claim.reopenedByAppeal = null;
        if (claim.status == ClaimStatus.GRANTED && claim.route == ImmunityRoute.MOTION_TO_DISMISS) {
            dismissChargesFor(claim);
        }
    }

    private void dismissChargesFor(Claim claim) {
        claim.dismissedByGrant.clear();
        for (Charge charge : charges.values()) {
            for (String defendantId : claim.defendants) {
                if (charge.activeAgainst(defendantId)) {
                    charge.dismissedFor.add(defendantId);
                    claim.dismissedByGrant.computeIfAbsent(charge.id, id -> new LinkedHashSet<>()).add(defendantId);
                }
            }
        }
    }

    private void reviveChargesDismissedBy(Claim claim) {
        claim.dismissedByGrant.forEach((chargeId, defendantIds) -> charges.get(chargeId).dismissedFor.removeAll(defendantIds));
        claim.dismissedByGrant.clear();
    }

    private void decideAppeal(AppealDecided e, PartialDate on) {
        Appeal appeal = appeals.get(e.appealId());
        Decided decision = new Decided(current, on);
        if (e.bench() == Bench.PANEL) {
            follow(appeal.establishedBy);
            appeal.panelDecision = decision;
            appeal.panelOutcome = e.outcome();
        } else {
            dependOn(appeal.enBancRehearing.entryId());
            notBefore(appeal.panelDecision.entryId());
            appeal.enBancDecision = decision;
        }
        if (appeal.decision.kind() == DecisionKind.IMMUNITY_RULING) {
            Claim claim = claims.get(appeal.decision.id());
            if (UNDOING.contains(e.outcome()) && claim.reopenedByAppeal == null) {
                // the ruling under appeal no longer stands: its dismissals are undone and the claim awaits a new ruling
                reviveChargesDismissedBy(claim);
                claim.reopenedByAppeal = appeal.id;
            } else if (e.outcome() == AppealOutcome.AFFIRMED && appeal.id.equals(claim.reopenedByAppeal)) {
                // en banc affirms what the panel undid: the ruling stands again
                claim.reopenedByAppeal = null;
                if (claim.status == ClaimStatus.GRANTED && claim.route == ImmunityRoute.MOTION_TO_DISMISS) {
                    dismissChargesFor(claim);
                }
            }
        }
    }

    // ---- what the rules read ----

    /** The first date rule the folded entries break, if any: a step before the incident, or before what it answers. */
    Optional<RuleViolation> datesOutOfOrder() {
        if (!checksDates) {
            throw new IllegalStateException("this fold keeps no dates; check them on CaseState.withDates");
        }
        for (Map.Entry<String, PartialDate> entry : entryDates.entrySet()) {
            if (entry.getValue().certainlyBefore(incidentOn)) {
                return Optional.of(new RuleViolation(Rules.STEP_NOT_BEFORE_INCIDENT, "With this change "
                        + describe(entry.getKey()) + " would come before the incident (" + incidentOn
                        + "); correct that step's date first."));
            }
        }
        for (DateOrder pair : dateOrder) {
            PartialDate later = entryDates.get(pair.later());
            PartialDate earlier = entryDates.get(pair.earlier());
            if (later != null && earlier != null && later.certainlyBefore(earlier)) {
                return Optional.of(new RuleViolation(Rules.CORRECTION_KEEPS_DATES_IN_ORDER, "With this change "
                        + describe(pair.later()) + " would come before " + describe(pair.earlier())
                        + ", which it answers; correct the dates together, one step at a time."));
            }
        }
        return Optional.empty();
    }

    private String describe(String entryId) {
        return entryKinds.get(entryId) + " " + entryId + " (" + entryDates.get(entryId) + ")";
    }

    /** The entry that established the proceeding a hearing belongs to, if it exists. */
    Optional<String> establishingEntry(Proceeding proceeding) {
        String id = proceeding.id();
        return Optional.ofNullable(switch (proceeding.kind()) {
            case CHARGE -> charges.containsKey(id) ? charges.get(id).establishedBy : null;
            case REMOVAL -> removals.containsKey(id) ? removals.get(id).establishedBy : null;
            case IMMUNITY_CLAIM -> claims.containsKey(id) ? claims.get(id).establishedBy : null;
            case APPEAL -> appeals.containsKey(id) ? appeals.get(id).establishedBy : null;
            case CERTIORARI -> petitions.containsKey(id) ? petitions.get(id).establishedBy : null;
            case TRIAL -> trials.containsKey(id) ? trials.get(id).establishedBy : null;
        });
    }

    /** The entry that recorded an appealable decision, if the decision exists. */
    Optional<String> appealedDecision(DecisionRef ref) {
        return appealedDecisionOn(ref).map(Decided::entryId);
    }

    /** The appealable decision a reference names: a remand, a ruling, a dismissal, a verdict or an appellate decision. */
    Optional<Decided> appealedDecisionOn(DecisionRef ref) {
        String id = ref.id();
        return Optional.ofNullable(switch (ref.kind()) {
            case REMAND_ORDER -> removals.containsKey(id) && removals.get(id).status == RemovalStatus.REMANDED
                    ? removals.get(id).decision : null;
            case IMMUNITY_RULING -> claims.containsKey(id) ? claims.get(id).ruling : null;
            case DISMISSAL -> charges.containsKey(id) && charges.get(id).status() == ChargeStatus.DISMISSED
                    ? charges.get(id).dismissal : null;
            case JUDGMENT -> trials.containsKey(id) ? trials.get(id).verdict : null;
            case APPEAL_DECISION -> appeals.containsKey(id) ? appeals.get(id).lastDecision().orElse(null) : null;
        });
    }

    List<Charge> activeChargesAgainst(String defendantId) {
        return charges.values().stream().filter(c -> c.activeAgainst(defendantId)).toList();
    }

    boolean anyChargeActive() {
        return charges.values().stream().anyMatch(c -> c.status() == ChargeStatus.ACTIVE);
    }

    boolean immunityGrantedTo(String defendantId) {
        return claims.values().stream().anyMatch(c -> c.standingGrant() && c.defendants.contains(defendantId));
    }

    boolean removalAllowedFor(String defendantId) {
        return removals.values().stream().anyMatch(r -> r.status == RemovalStatus.ALLOWED && r.defendants.contains(defendantId));
    }

    boolean removalPendingFor(String defendantId) {
        return removals.values().stream().anyMatch(r -> r.status == RemovalStatus.PENDING && r.defendants.contains(defendantId));
    }

    List<String> allDefendants() {
        return new ArrayList<>(defendants.keySet());
    }
}
