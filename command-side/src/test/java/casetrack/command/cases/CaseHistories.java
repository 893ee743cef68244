package casetrack.command.cases;

import casetrack.shared.command.*;
import casetrack.shared.value.*;

import java.util.List;

import static casetrack.command.cases.CaseSteps.*;

/** Two real cases as lists of commands, from incident onwards, after the files in {@code /work/shared/cases}. */
final class CaseHistories {

    private CaseHistories() {
    }

    static final Court D_IDAHO = DISTRICT_COURT;

    /** Idaho v. Horiuchi (Ruby Ridge): removal, immunity granted, affirmed, reversed en banc, dropped, vacated as moot. */
    static List<CaseCommand> idahoVHoriuchi() {
        return List.of(
                /* 0 */ new OpenCase(CASE, "Idaho v. Horiuchi", "ID", "FBI", "Ruby Ridge, Boundary County",
                        "An FBI sniper's shot kills Vicki Weaver", List.of("Vicki Weaver"),
                        List.of(new Defendant("horiuchi", "Lon Horiuchi", "FBI", "sniper")), date("1992-08-22"), SOURCES, null, null),
                /* 1 */ new FileStateCharge(CASE, "manslaughter", List.of(), ChargingInstrument.COMPLAINT, "Denise Woodbury",
                        STATE_COURT, null, COUNTS, date("1997-08"), SOURCES, "'five years to the day' per AP", null),
                /* 2 */ new HoldHearing(CASE, "preliminary", HearingKind.PRELIMINARY,
                        new Proceeding(ProceedingKind.CHARGE, "manslaughter"), STATE_COURT, null, date("1997-12"), SOURCES, null, null),
                /* 3 */ new HoldHearing(CASE, "bind-over", HearingKind.PRELIMINARY,
                        new Proceeding(ProceedingKind.CHARGE, "manslaughter"), STATE_COURT, "held for trial", date("1998-01-07"),
                        SOURCES, null, null),
                /* 4 */ new RemoveToFederalCourt(CASE, "removal", List.of(), RemovalFiler.DEFENDANT, D_IDAHO, "CR 97-097-N-EJL",
                        null, date("1998-01"), SOURCES, "The exact date of the notice is not in the sources.", null),
                /* 5 */ new AllowRemoval(CASE, "removal", date("1998-01-12"), SOURCES, "not-guilty plea entered",
                        "LA Times and Spokesman-Review: Monday Jan 12 1998; AP: Jan 7"),
                /* 6 */ new AssertImmunity(CASE, "motion", List.of(), ImmunityRoute.MOTION_TO_DISMISS, D_IDAHO, null,
                        date("1998-02-09"), SOURCES, null, null),
                /* 7 */ new HoldHearing(CASE, "immunity-argument", HearingKind.ARGUMENT,
                        new Proceeding(ProceedingKind.IMMUNITY_CLAIM, "motion"), D_IDAHO, null, date("1998-03-13"), SOURCES, null, null),
                /* 8 */ new RuleOnImmunity(CASE, "motion", ImmunityOutcome.GRANTED, Prejudice.WITH_PREJUDICE, "Edward J. Lodge",
                        null, date("1998-05-14"), SOURCES, null, null),
                /* 9 */ new FileAppeal(CASE, "ninth-circuit", Party.STATE, CIRCUIT, null,
                        new DecisionRef(DecisionKind.IMMUNITY_RULING, "motion"), date("1998"), SOURCES, null, null),
                /* 10 */ new DecideAppeal(CASE, "ninth-circuit", Bench.PANEL, AppealOutcome.AFFIRMED, 2, 1, null,
                        date("2000-06-14"), SOURCES, null, "LA Times of Jun 15 2000 says 'ruled Wednesday'"),
                /* 11 */ new DecideRehearingEnBanc(CASE, "ninth-circuit", true, date("2000"), SOURCES, null, null),
                /* 12 */ new HoldHearing(CASE, "en-banc-argument", HearingKind.ARGUMENT,
                        new Proceeding(ProceedingKind.APPEAL, "ninth-circuit"), CIRCUIT, null, date("2000-12-20"), SOURCES, null, null),
                /* 13 */ new DecideAppeal(CASE, "ninth-circuit", Bench.EN_BANC, AppealOutcome.REVERSED, 6, 5, "253 F.3d 359",
                        date("2001-06-05"), SOURCES, "disputed facts go to trial", null),
                /* 14 */ new ChangeProsecutionAuthority(CASE, "Boundary County Prosecutor", "Brett Benson",
                        ProsecutionChangeReason.ELECTION, date("2001-06-14"), SOURCES, null, null),
                /* 15 */ new DismissCharges(CASE, List.of("manslaughter"), DismissalReason.DROPPED_BY_PROSECUTOR,
                        Prejudice.WITH_PREJUDICE, "Edward J. Lodge", date("2001-06-14"), SOURCES, null, null),
                /* 16 */ new VacateAsMoot(CASE, List.of("ninth-circuit"), CIRCUIT, date("2001-09-14"), SOURCES, null, null),
                /* 17 */ new CloseCase(CASE, CaseOutcome.DISMISSED, date("2001-09-14"), SOURCES, null, null));
    }

    /** United States ex rel. Drury v. Lewis: habeas corpus refused before the state trial, affirmed by the Supreme Court. */
    static List<CaseCommand> druryVLewis() {
        Court oyerAndTerminer = new Court(CourtLevel.STATE_TRIAL, "Court of Oyer and Terminer, Allegheny County");
        Court circuitCourt = new Court(CourtLevel.FEDERAL_DISTRICT, "U.S. Circuit Court for the Western District of Pennsylvania");
        return List.of(
                /* 0 */ new OpenCase(CASE, "United States ex rel. Drury v. Lewis", "PA", "U.S. Army", "Allegheny Arsenal, Pittsburgh",
                        "Pursuing suspected copper thieves, a soldier shoots William H. Crowley, who dies",
                        List.of("William H. Crowley"),
                        List.of(new Defendant("drury", "Ralph W. Drury", "U.S. Army", "second lieutenant"),
                                new Defendant("dowd", "John Dowd", "U.S. Army", "enlisted soldier")),
                        date("1903-09-10"), SOURCES, null, null),
                /* 1 */ new FileStateCharge(CASE, "indictment", List.of(), ChargingInstrument.INDICTMENT, "Allegheny County grand jury",
                        oyerAndTerminer, null,
                        List.of(new ChargeCount(1, "common law", "murder", OffenseGrade.FELONY),
                                new ChargeCount(2, "common law", "manslaughter", OffenseGrade.FELONY)),
                        date("1903-12-16"), SOURCES, "both released on $5,000 bail", null),
                /* 2 */ new RecordCustody(CASE, List.of(), CustodyKind.SURRENDER, "Edward Lewis, warden of the Allegheny County jail",
                        date("1904-02-08"), SOURCES, "surrendered by their bail to seek habeas corpus", null),
                /* 3 */ new AssertImmunity(CASE, "habeas", List.of(), ImmunityRoute.HABEAS_CORPUS, circuitCourt, null,
                        date("1904-02-08"), SOURCES, null, null),
                /* 4 */ new RuleOnImmunity(CASE, "habeas", ImmunityOutcome.DENIED, null, "Acheson", "129 F. 823",
                        date("1904"), SOURCES, "facts disputed: no discharge before the state trial", null),
                /* 5 */ new FileAppeal(CASE, "supreme-court", Party.DEFENDANT, SUPREME_COURT, "No. 126",
                        new DecisionRef(DecisionKind.IMMUNITY_RULING, "habeas"), date("1904"), SOURCES, null, null),
                /* 6 */ new HoldHearing(CASE, "argument", HearingKind.ARGUMENT, new Proceeding(ProceedingKind.APPEAL, "supreme-court"),
                        SUPREME_COURT, null, date("1905-12-12"), SOURCES, null, null),
                /* 7 */ new DecideAppeal(CASE, "supreme-court", Bench.PANEL, AppealOutcome.AFFIRMED, null, null, "200 U.S. 1",
                        date("1906-01-02"), SOURCES, null, null));
    }
}
