package casetrack.command.cases;

/**
 * The names of the consistency rules the case aggregate enforces. They are part of the public API
 * (the {@code rule} of a 422 problem response): add names, never rename or reuse one.
 */
public final class Rules {

    /** Only corrections, retractions and reopening are accepted on a closed case. */
    public static final String CASE_MUST_BE_OPEN = "case-must-be-open";
    /** Only a closed case can be reopened. */
    public static final String CASE_MUST_BE_CLOSED = "case-must-be-closed";

    /** No step is dated certainly before the incident. */
    public static final String STEP_NOT_BEFORE_INCIDENT = "step-not-before-incident";
    /** A decision is not dated before the filing it decides (ruling after claim, verdict after trial start, ...). */
    public static final String DECISION_NOT_BEFORE_FILING = "decision-not-before-filing";
    /** An appeal or petition is not dated before the decision it seeks to review. */
    public static final String APPEAL_NOT_BEFORE_DECISION = "appeal-not-before-decision";
    /** Custody, arraignment, removal notice, immunity claim and trial are not dated before the charge. */
    public static final String STEP_NOT_BEFORE_CHARGE = "step-not-before-charge";

    /** An id a step creates must not be in use in the case (charge, removal, claim, hearing, appeal, ...). */
    public static final String ID_MUST_BE_NEW = "id-must-be-new";
    /** A named defendant must be a defendant of the case. */
    public static final String DEFENDANT_MUST_BE_IN_CASE = "defendant-must-be-in-case";

    /** The charge named must have been filed in the case. */
    public static final String CHARGE_MUST_EXIST = "charge-must-exist";
    /** The charge named must still be active (not dismissed). */
    public static final String CHARGE_MUST_BE_ACTIVE = "charge-must-be-active";
    /** Each defendant a step concerns must face an active charge. */
    public static final String ACTIVE_CHARGE_REQUIRED = "active-charge-required";

    /** The removal named must have been noticed in the case. */
    public static final String REMOVAL_MUST_EXIST = "removal-must-exist";
    /** A removal is decided once: it must still be pending. */
    public static final String REMOVAL_MUST_BE_PENDING = "removal-must-be-pending";

    /** The immunity claim named must have been asserted in the case. */
    public static final String CLAIM_MUST_EXIST = "claim-must-exist";
    /** An immunity claim is ruled on while pending, or again after an appeal reopened it. */
    public static final String CLAIM_MUST_AWAIT_RULING = "claim-must-await-ruling";

    /** The proceeding a hearing belongs to must exist in the case. */
    public static final String PROCEEDING_MUST_EXIST = "proceeding-must-exist";
    /** The hearing named must have been scheduled. */
    public static final String HEARING_MUST_EXIST = "hearing-must-exist";
    /** Only a scheduled or postponed hearing can be held, postponed or vacated. */
    public static final String HEARING_MUST_BE_ON_CALENDAR = "hearing-must-be-on-calendar";

    /** The decision an appeal names must exist (a remand, an immunity ruling, a dismissal, a judgment, an appellate decision). */
    public static final String APPEALED_DECISION_MUST_EXIST = "appealed-decision-must-exist";
    /** The appeal named must have been filed. */
    public static final String APPEAL_MUST_BE_FILED = "appeal-must-be-filed";
    /** A panel decides an appeal once. */
    public static final String PANEL_DECISION_ONCE = "panel-decision-once";
    /** Rehearing en banc concerns a panel decision that exists. */
    public static final String PANEL_DECISION_REQUIRED = "panel-decision-required";
    /** Rehearing en banc is granted or denied once. */
    public static final String REHEARING_EN_BANC_DECIDED_ONCE = "rehearing-en-banc-decided-once";
    /** An en banc decision needs rehearing en banc granted, and comes once. */
    public static final String EN_BANC_REHEARING_MUST_BE_GRANTED = "en-banc-rehearing-must-be-granted";
    /** Certiorari reviews an appeal that was decided. */
    public static final String APPEAL_MUST_BE_DECIDED = "appeal-must-be-decided";
    /** The certiorari petition named must have been filed. */
    public static final String PETITION_MUST_EXIST = "petition-must-exist";
    /** Certiorari is granted or denied once. */
    public static final String CERTIORARI_DECIDED_ONCE = "certiorari-decided-once";
    /** The Supreme Court decides a case it granted certiorari in, once. */
    public static final String CERTIORARI_MUST_BE_GRANTED = "certiorari-must-be-granted";

    /** A defendant whose immunity was granted (and not reopened on appeal) is not tried. */
    public static final String NO_TRIAL_UNDER_IMMUNITY = "no-trial-under-immunity";
    /** A trial is held in a trial court (state trial court or federal district court). */
    public static final String TRIAL_COURT_REQUIRED = "trial-court-required";
    /** A removed case is tried in federal district court, any other in state trial court. */
    public static final String TRIAL_IN_COURT_HOLDING_CASE = "trial-in-court-holding-case";
    /** The trial named must have started. */
    public static final String TRIAL_MUST_EXIST = "trial-must-exist";
    /** A trial returns one verdict. */
    public static final String VERDICT_ONCE = "verdict-once";
    /** Each finding names a charge, count and defendant of the trial. */
    public static final String FINDING_MUST_MATCH_TRIAL = "finding-must-match-trial";
    /** A sentence follows a guilty finding for that defendant in that trial. */
    public static final String GUILTY_FINDING_REQUIRED = "guilty-finding-required";

    /** Decisions are vacated as moot only once no active charge remains. */
    public static final String CASE_MUST_HAVE_ENDED = "case-must-have-ended";

    /** The investigation named must have been opened and not closed. */
    public static final String INVESTIGATION_MUST_BE_OPEN = "investigation-must-be-open";

    /** The entry named must exist in the case. */
    public static final String ENTRY_MUST_EXIST = "entry-must-exist";
    /** A retracted entry is neither corrected nor retracted again. */
    public static final String ENTRY_ALREADY_RETRACTED = "entry-already-retracted";
    /** A retraction is final: it is neither corrected nor retracted; record the step again instead. */
    public static final String RETRACTION_IS_FINAL = "retraction-is-final";
    /** A correction changes the date, the sources or the note. */
    public static final String CORRECTION_MUST_CHANGE_SOMETHING = "correction-must-change-something";
    /** A correction, or the retraction of one, leaves every step dated no earlier than what it answers. */
    public static final String CORRECTION_KEEPS_DATES_IN_ORDER = "correction-keeps-dates-in-order";
    /** The opening of a case is not retracted: close the case instead. */
    public static final String OPENING_CANNOT_BE_RETRACTED = "opening-cannot-be-retracted";
    /** An entry that later steps depend on is retracted only after them. */
    public static final String RETRACT_DEPENDENTS_FIRST = "retract-dependents-first";

    private Rules() {
    }
}
