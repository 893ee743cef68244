package casetrack.shared.event;

import java.util.List;

/** Every event type a case can hold. */
public final class EventCatalog {

    public static final List<Class<? extends CaseEvent>> ALL = List.of(
            CaseOpened.class,
            DefendantAdded.class,
            CaptionChanged.class,
            InvestigationOpened.class,
            InvestigationDeclined.class,
            InvestigationClosed.class,
            InvestigationBlocked.class,
            EvidenceAccessDisputed.class,
            StateChargeFiled.class,
            ChargesAmended.class,
            DefendantTakenIntoCustody.class,
            DefendantArraigned.class,
            RemovalNoticeFiled.class,
            RemovalAllowed.class,
            CaseRemanded.class,
            ImmunityAsserted.class,
            ImmunityRuledOn.class,
            HearingScheduled.class,
            HearingHeld.class,
            HearingPostponed.class,
            HearingVacated.class,
            AppealFiled.class,
            AmicusBriefFiled.class,
            AppealDecided.class,
            RehearingEnBancPetitioned.class,
            RehearingEnBancDecided.class,
            CertiorariPetitioned.class,
            CertiorariDecided.class,
            SupremeCourtCaseDecided.class,
            ProsecutionAuthorityChanged.class,
            TrialStarted.class,
            VerdictReturned.class,
            SentenceImposed.class,
            ChargesDismissed.class,
            DecisionsVacatedAsMoot.class,
            FederalActionTaken.class,
            PublicStatementMade.class,
            CaseClosed.class,
            CaseReopened.class,
            EntryCorrected.class,
            EntryRetracted.class);

    private EventCatalog() {
    }
}
