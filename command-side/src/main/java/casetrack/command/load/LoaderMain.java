package casetrack.command.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar command-side.jar demo [--url URL]} records the demo cases bundled in the jar;
 * {@code java -jar command-side.jar import FILE [--stop-on-error] [--url URL]} records a file of
 * JSON Lines. The editor's token comes from {@code CASETRACK_EDITOR_TOKEN} or
 * {@code $CASETRACK_DATA/credentials/editor.token}. Exit status: 0 all recorded, 1 some line refused, 2 usage.
 */
public final class LoaderMain {

    private LoaderMain() {
    }

    public static int run(String[] args) throws IOException, InterruptedException {
        String mode = args[0];
        String url = "http://127.0.0.1:" + env("CASETRACK_COMMAND_PORT", "8081");
        boolean stopOnError = false;
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--stop-on-error" -> stopOnError = true;
                case "--continue" -> stopOnError = false;
                case "--url" -> url = args[++i];
                default -> files.add(args[i]);
            }
        }
        if (mode.equals("import") && files.size() != 1) {
            System.err.println("usage: import FILE [--stop-on-error]   (FILE: JSON Lines, one command a line)");
            return 2;
        }
        String token = editorToken();
        if (token == null) {
            System.err.println("no editor token: set CASETRACK_EDITOR_TOKEN or start casetrack once so that "
                    + "$CASETRACK_DATA/credentials/editor.token exists");
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        StepLoader loader = new StepLoader(http, URI.create(url), token, Clock.systemDefaultZone(), System.out);
        int recorded = 0, already = 0, rejected = 0;
        if (mode.equals("demo")) {
            for (String name : demoFiles()) {
                StepLoader.Outcome o = loader.load("demo/" + name, demoLines(name), stopOnError);
                System.out.printf("demo/%s: %d recorded, %d already there, %d refused%n", name, o.recorded(), o.alreadyRecorded(), o.rejected());
                recorded += o.recorded(); already += o.alreadyRecorded(); rejected += o.rejected();
                if (o.stopped() && o.rejected() > 0) {
                    break;
                }
            }
        } else {
            Path file = Path.of(files.get(0));
            if (!Files.isReadable(file)) {
                System.err.println("cannot read " + file.toAbsolutePath());
                return 2;
            }
            StepLoader.Outcome o = loader.load(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8), stopOnError);
            recorded = o.recorded(); already = o.alreadyRecorded(); rejected = o.rejected();
            if (o.stopped() && rejected > 0) {
                System.out.println("stopped at the first refused line (--stop-on-error); the lines before it are recorded.");
            }
        }
        System.out.printf("%d recorded, %d already recorded before, %d refused%n", recorded, already, rejected);
        return rejected == 0 ? 0 : 1;
    }

    /** The demo files, in the order they load. */
    public static List<String> demoFiles() throws IOException {
        return demoLines("cases.txt").stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    public static List<String> demoLines(String name) throws IOException {
        try (InputStream in = LoaderMain.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IOException("no demo file " + name + " in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String editorToken() throws IOException {
        String token = System.getenv("CASETRACK_EDITOR_TOKEN");
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        Path file = Path.of(env("CASETRACK_DATA", ".data"), "credentials", "editor.token");
        return Files.isReadable(file) ? Files.readString(file).strip() : null;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
