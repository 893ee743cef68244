package casetrack.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * casetrack as a user runs it: an embedded PostgreSQL, and the command and query side jars as
 * separate processes, each connecting with its own database role (Flyway migrating as the owner).
 */
public final class RunningSystem implements AutoCloseable {

    public static final String EDITOR_TOKEN = "system-test-editor";
    public static final String AUDITOR_TOKEN = "system-test-auditor";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedPostgres postgres;
    private final Path logs;
    private final HttpClient http = HttpClient.newHttpClient();
    public final int commandPort = freePort();
    public final int queryPort = freePort();
    private Process commandSide;
    private Process querySide;
    private int queryStarts;

    public RunningSystem() throws Exception {
        logs = Files.createDirectories(Path.of("target", "system-test-logs"));
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE casetrack");
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/casetrack";
    }

    public RunningSystem startCommandSide() {
        commandSide = launch("command-side", "command-side.log", List.of("--server.port=" + commandPort,
                "--casetrack.web.allowed-origins=http://127.0.0.1:" + queryPort + ",http://localhost:" + queryPort,
                "--spring.datasource.username=casetrack_command", "--spring.flyway.user=postgres"));
        awaitHealthy(commandPort, commandSide);
        return this;
    }

    public RunningSystem startQuerySide() {
        queryStarts++;
        querySide = launch("query-side", "query-side-" + queryStarts + ".log", List.of("--server.port=" + queryPort,
                "--casetrack.web.command-port=" + commandPort,
                "--spring.datasource.username=casetrack_query", "--spring.flyway.user=postgres"));
        awaitHealthy(queryPort, querySide);
        return this;
    }

    /** As a crash would: no shutdown hooks, no goodbye. */
    public void killQuerySide() throws InterruptedException {
        querySide.destroyForcibly();
        querySide.waitFor();
    }

    private Process launch(String module, String logName, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-jar", jar(module).toString(),
                "--spring.datasource.url=" + jdbcUrl(),
                "--casetrack.access.editor-token=" + EDITOR_TOKEN,
                "--casetrack.access.auditor-token=" + AUDITOR_TOKEN,
                "--casetrack.access.users-file="));
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(logName).toFile());
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(int port, Process process) {
        Awaitility.await("service on :" + port).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("service on :" + port + " exited; see " + logs.toAbsolutePath());
                    }
                    try {
                        return get(port, "/actuator/health", null).statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    public HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(port, path, null);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + commandPort + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + EDITOR_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a service jar's command-line tool (e.g. {@code verify-file}); answers its exit code and output. */
    public record ToolRun(int exitCode, String output) {
    }

    public ToolRun runTool(String module, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar(module).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return new ToolRun(process.waitFor(), output);
    }

    /** As an intruder with superuser access would: with triggers switched off for the session. */
    public void tamper(String sql) throws Exception {
        try (Connection c = postgres.getDatabase("postgres", "casetrack").getConnection(); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute(sql);
        }
    }

    /** Runs {@code java -jar command-side.jar ARGS} as the launcher does (e.g. {@code demo}); answers its exit status and output. */
    public CommandLine commandSideTool(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar("command-side").toString()));
        command.addAll(args);
        command.addAll(List.of("--url", "http://127.0.0.1:" + commandPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CASETRACK_EDITOR_TOKEN", EDITOR_TOKEN);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new CommandLine(process.waitFor(), output);
    }

    public record CommandLine(int exitStatus, String output) {
    }

    @Override
    public void close() throws Exception {
        for (Process p : new Process[]{querySide, commandSide}) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
        postgres.close();
    }

    private static Path jar(String module) {
        Path target = Path.of("..", module, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + module + " jar in " + target
                            + ": run the whole build (./mvnw verify) so the services are packaged first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
