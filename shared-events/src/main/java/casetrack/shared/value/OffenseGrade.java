package casetrack.shared.value;

public enum OffenseGrade {
    FELONY, MISDEMEANOR
}
