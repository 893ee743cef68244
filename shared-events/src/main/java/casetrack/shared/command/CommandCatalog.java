package casetrack.shared.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every command, by the name the HTTP API uses for it ({@code POST /api/cases/{id}/commands/{name}}). */
public final class CommandCatalog {

    public static final List<Class<? extends CaseCommand>> ALL = List.of(
            OpenCase.class,
            AddDefendant.class,
            ChangeCaption.class,
            OpenInvestigation.class,
            DeclineInvestigation.class,
            CloseInvestigation.class,
            BlockInvestigation.class,
            DisputeEvidenceAccess.class,
            FileStateCharge.class,
            AmendCharges.class,
            RecordCustody.class,
            ArraignDefendant.class,
            RemoveToFederalCourt.class,
            AllowRemoval.class,
            RemandToStateCourt.class,
            AssertImmunity.class,
            RuleOnImmunity.class,
            ScheduleHearing.class,
            HoldHearing.class,
            PostponeHearing.class,
            VacateHearing.class,
            FileAppeal.class,
            FileAmicusBrief.class,
            DecideAppeal.class,
            PetitionRehearingEnBanc.class,
            DecideRehearingEnBanc.class,
            PetitionCertiorari.class,
            DecideCertiorari.class,
            DecideSupremeCourtCase.class,
            ChangeProsecutionAuthority.class,
            StartTrial.class,
            ReturnVerdict.class,
            ImposeSentence.class,
            DismissCharges.class,
            VacateAsMoot.class,
            RecordFederalAction.class,
            RecordPublicStatement.class,
            CloseCase.class,
            ReopenCase.class,
            CorrectEntry.class,
            RetractEntry.class);

    private static final Map<String, Class<? extends CaseCommand>> BY_NAME = new LinkedHashMap<>();

    static {
        ALL.forEach(type -> BY_NAME.put(type.getSimpleName(), type));
    }

    private CommandCatalog() {
    }

    public static Optional<Class<? extends CaseCommand>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
