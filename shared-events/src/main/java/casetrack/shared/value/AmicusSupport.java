package casetrack.shared.value;

/** Which side an amicus brief supports. */
public enum AmicusSupport {
    APPELLANT,APPELLEE,NEITHER
}
