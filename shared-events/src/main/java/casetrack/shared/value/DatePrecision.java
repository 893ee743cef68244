package casetrack.shared.value;

/** How precisely a historic source dates a step: to the day, the month, or only the year. */
public enum DatePrecision {
    DAY, MONTH, YEAR
}
