package casetrack.query.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import casetrack.shared.value.CaseOutcome;
import casetrack.shared.value.PartialDate;

/** The case summary as the API shows it: the folded file plus what depends on today. */
public record CaseSummaryView(
        String caseId,
        String title,
        String state,
        String agency,
        String place,
        String incident,
        PartialDate incidentOn,
        Long daysSinceIncident,
        List<String> victims,
        CaseStage stage,
        boolean open,
        CaseOutcome outcome,
        CaseFile.CourtSeat currentCourt,
        String prosecutingOffice,
        String prosecutor,
        List<DefendantView> defendants,
        Collection<CaseFile.Charge> charges,
        Collection<CaseFile.Removal> removals,
        Collection<CaseFile.ImmunityClaim> immunityClaims,
        Collection<CaseFile.Appeal> appeals,
        List<String> openAppeals,
        Collection<CaseFile.Investigation> investigations,
        Collection<CaseFile.Hearing> hearings,
        CaseFile.Hearing nextHearing,
        LocalDate removalDeadline,
        boolean removalOverdue,
        List<CaseFile.FlagRaised> flags,
        CaseFile.LastStep lastStep,
        int correctedCount,
        int retractedCount,
        long version,
        Instant lastRecordedAt) {

    public record DefendantView(String defendantId, String name, String agency, String role,
                                CaseFile.ImmunityStatus immunity, String custody, PartialDate arraignedOn,
                                boolean removalNoticeFiled, LocalDate removalDeadline, boolean removalOverdue,
                                String sentence) {
    }

    static CaseSummaryView of(CaseFile f, Instant lastRecordedAt, LocalDate today) {
        List<DefendantView> defendants = f.defendants.values().stream()
                .map(d -> new DefendantView(d.defendantId, d.name, d.agency, d.role, d.immunity, d.custody, d.arraignedOn,
                        d.removalNoticeFiled, d.removalDeadline, d.removalDeadline != null && d.removalDeadline.isBefore(today),
                        d.sentence))
                .toList();
        CaseFile.Hearing next = f.hearings.values().stream()
                .filter(h -> h.status == CaseFile.HearingStatus.SCHEDULED && h.scheduledFor != null && !h.scheduledFor.isBefore(today))
                .min(Comparator.comparing(h -> h.scheduledFor)).orElse(null);
        LocalDate deadline = f.removalDeadline();
        return new CaseSummaryView(f.caseId, f.title, f.state, f.agency, f.place, f.incident, f.incidentOn,
                f.incidentOn == null ? null : ChronoUnit.DAYS.between(f.incidentOn.earliest(), today),
                f.victims, f.stage, f.open, f.outcome, f.currentCourt, f.prosecutingOffice, f.prosecutor, defendants,
                f.charges.values(), f.removals.values(), f.immunityClaims.values(), f.appeals.values(),
                f.openAppeals().stream().map(a -> a.appealId).toList(), f.investigations.values(), f.hearings.values(),
                next, deadline, deadline != null && deadline.isBefore(today), f.flags, f.lastStep, f.correctedCount,
                f.retractedCount, f.version, lastRecordedAt);
    }
}
