package casetrack.bench;

/**
 * One target of issue 6: a measured value against a threshold, "at least" (ratios, rates) or
 * "at most" (latencies, heap). {@code by} says how far the value is from the threshold, in the
 * threshold's own terms: the percentage of the threshold reached, or exceeded.
 */
public record Target(String name, String measured, double value, double threshold, boolean atLeast, String unit,
                     String limitNote) {

    public enum Verdict { MET, MISSED, NOT_MEASURED }

    public Verdict verdict() {
        if (Double.isNaN(value)) {
            return Verdict.NOT_MEASURED;
        }
        return (atLeast ? value >= threshold : value <= threshold) ? Verdict.MET : Verdict.MISSED;
    }

    /** value / threshold as a percentage: 80% of an "at least" target is 20% short; 150% of an "at most" one is 50% over. */
    public double percentOfThreshold() {
        return threshold == 0 ? Double.NaN : 100.0 * value / threshold;
    }

    public String by() {
        if (verdict() == Verdict.NOT_MEASURED) {
            return "—";
        }
        if (threshold == 0) {
            return verdict() == Verdict.MET ? "none" : Report.num(value) + " over";
        }
        double pct = percentOfThreshold();
        if (atLeast) {
            return verdict() == Verdict.MET ? String.format("%.0f%% of target (%.0f%% above)", pct, pct - 100)
                    : String.format("%.0f%% of target (%.0f%% short)", pct, 100 - pct);
        }
        return verdict() == Verdict.MET ? String.format("%.0f%% of the bound (%.0f%% headroom)", pct, 100 - pct)
                : String.format("%.0f%% of the bound (%.0f%% over)", pct, pct - 100);
    }

    public String thresholdText() {
        return (atLeast ? "≥ " : "≤ ") + Report.num(threshold) + unit;
    }

    /**
     * A target before it is measured: what a phase of the run sets out to meet. A run that fails
     * before a phase lists its goals as not measured, so the table still names every target.
     */
    public record Goal(String name, double threshold, boolean atLeast, String unit, String limitNote) {

        public Target measured(String measured, double value) {
            return new Target(name, measured, value, threshold, atLeast, unit, limitNote);
        }

        /** Measured against a limit the run itself set, e.g. the fixed rate it chose. */
        public Target measured(String measured, double value, String limitNote) {
            return new Target(name, measured, value, threshold, atLeast, unit, limitNote);
        }

        public Target notMeasured(String why) {
            return new Target(name, why, Double.NaN, threshold, atLeast, unit, limitNote);
        }
    }

    public static double ratio(double figure, double limit) {
        return limit <= 0 ? Double.NaN : figure / limit;
    }
}
