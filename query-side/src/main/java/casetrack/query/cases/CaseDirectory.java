package casetrack.query.cases;

import casetrack.shared.value.CourtLevel;

import java.util.List;

/** The names a one-line summary needs from earlier steps of the same case. */
public interface CaseDirectory {

    /** "Lon Horiuchi", "A and B"; an empty list names every defendant of the case. */
    String defendantNames(List<String> defendantIds);

    String defendantName(String defendantId);

    /** What a charge is for, e.g. "involuntary manslaughter (Idaho Code 18-4006)". */
    String chargeLabel(String chargeId);

    String appealCourt(String appealId);

    /** The level of the court an appeal was filed in, or null when unknown. */
    CourtLevel appealCourtLevel(String appealId);

    String removalCourt(String removalId);
}
