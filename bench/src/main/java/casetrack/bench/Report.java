package casetrack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown and JSON report: sections in the order they were measured, then the targets. */
public final class Report {

    private final StringBuilder md = new StringBuilder();
    final Map<String, Object> json = new LinkedHashMap<>();
    final List<Target> targets = new ArrayList<>();

    public Report line(String text) {
        md.append(text).append('\n');
        return this;
    }

    public Report section(String title) {
        md.append('\n').append("## ").append(title).append("\n\n");
        return this;
    }

    public Report table(String... header) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append("---|".repeat(header.length)).append('\n');
        return this;
    }

    public Report row(Object... cells) {
        md.append("| ");
        for (Object cell : cells) {
            md.append(cell instanceof Double d ? num(d) : String.valueOf(cell)).append(" | ");
        }
        md.setLength(md.length() - 1);
        md.append('\n');
        return this;
    }

    public void put(String key, Object value) {
        json.put(key, value);
    }

    public void target(Target t) {
        targets.add(t);
    }

    public static String num(double d) {
        if (Double.isNaN(d)) {
            return "—";
        }
        double a = Math.abs(d);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    public static String pct(double ratio) {
        return Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    public String markdown() {
        StringBuilder out = new StringBuilder(md);
        if (targets.isEmpty()) {
            // the fault run checks what held, not the speed targets
            return out.toString();
        }
        out.append("\n## Targets (issue 6), each against this run's own limit\n\n");
        out.append("| target | measured | threshold | verdict | by how much | what it is compared with |\n|---|---|---|---|---|---|\n");
        for (Target t : targets) {
            out.append("| ").append(t.name()).append(" | ").append(t.measured()).append(" | ").append(t.thresholdText())
                    .append(" | **").append(t.verdict()).append("** | ").append(t.by()).append(" | ").append(t.limitNote()).append(" |\n");
        }
        return out.toString();
    }

    public void write(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bench-report.md"), markdown());
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Target t : targets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("measured", t.measured());
            m.put("value", Double.isNaN(t.value()) ? null : t.value());
            m.put("threshold", t.threshold());
            m.put("atLeast", t.atLeast());
            m.put("unit", t.unit());
            m.put("verdict", t.verdict().name());
            m.put("percentOfThreshold", Double.isNaN(t.percentOfThreshold()) ? null : t.percentOfThreshold());
            ts.add(m);
        }
        json.put("targets", ts);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("bench-report.json").toFile(), json);
    }
}
