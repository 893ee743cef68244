package casetrack.query.http;

public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String caseId) {
        super("no case " + caseId + " in the projections");
    }
}
