package casetrack.shared.value;

/** The paper that brings a state charge. */
public enum ChargingInstrument {
    COMPLAINT,INFORMATION,INDICTMENT,WARRANT
}
