package casetrack.bench;

import casetrack.shared.store.PostgresServerSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the bench measures, all on loopback: its own PostgreSQL 17 (zonky, in this JVM, data in a
 * temp directory, {@code PostgresServerSettings} as {@code EmbeddedDatabase}: fsync and synchronous_commit on),
 * and the two service jars as child processes on spare ports with bounded heaps.
 * <p>
 * Each cluster works in a new {@code casetrack-bench-*} directory under {@link #workParent()}.
 * {@link #close()} removes its PostgreSQL data folder (about 7 GB after a default run's
 * 1,000,000-event replay) and keeps {@code logs/}; {@value #KEEP_DATA_ENV}=1 keeps the data.
 */
public final class Cluster implements AutoCloseable {

    public static final String DATABASE = "casetrack";
    /** Where the work directories go instead of {@code java.io.tmpdir}: a folder on a larger disk. */
    static final String DIR_ENV = "CASETRACK_BENCH_DIR";
    /** {@code 1}: {@link #close()} leaves the PostgreSQL data folder, to look at it afterwards. */
    static final String KEEP_DATA_ENV = "CASETRACK_BENCH_KEEP_DATA";
    static final String WORK_PREFIX = "casetrack-bench-";
    static final String SERVICE_HEAP = "-Xmx768m";
    /** As {@code ./casetrack start} runs the services (see there). */
    static final String SERVICE_GC = "-XX:+UseParallelGC";

    final Path root;
    final Path work;
    final int dbPort;
    final int commandPort;
    final int queryPort;
    final String editorToken = "bench-editor-" + UUID.randomUUID();
    final String auditorToken = "bench-auditor-" + UUID.randomUUID();
    final List<String> commandJvmExtras = new ArrayList<>();
    final List<String> queryJvmExtras = new ArrayList<>();
    /** Extra PostgreSQL settings (e.g. shared_preload_libraries for a profile by hand). */
    final Map<String, String> postgresExtras = new java.util.LinkedHashMap<>();
    /** False: {@link #close()} removes {@code work/postgres} once PostgreSQL has stopped. */
    boolean keepData = "1".equals(System.getenv(KEEP_DATA_ENV));
    private EmbeddedPostgres postgres;
    private boolean closed;
    Process command;
    Process query;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public Cluster(Path root) throws IOException {
        this.root = root;
        Path parent = workParent();
        Files.createDirectories(parent);
        this.work = Files.createTempDirectory(parent, WORK_PREFIX);
        this.dbPort = freePort();
        this.commandPort = freePort();
        this.queryPort = freePort();
        Files.createDirectories(work.resolve("logs"));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    public void startPostgres() throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(dbPort)
                .setPGStartupWait(Duration.ofSeconds(120));
        PostgresServerSettings.settings().forEach(builder::setServerConfig);
        // the bench only: time each WAL write and flush, so PostgresActivity can say what a flush cost
        // in each phase (two clock reads per call; CASETRACK_BENCH_PG=track_wal_io_timing=off turns it off)
        builder.setServerConfig("track_wal_io_timing", "on");
        postgresExtras.forEach(builder::setServerConfig);
        postgres = builder.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    public void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    public String postgresVersion() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The GC log of a service's current start (its pauses on the wall clock, for {@link TailPauses}),
     * or null before the first start.
     */
    public Path gcLog(String module) {
        int n = module.equals("command-side") ? commandStarts : queryStarts;
        return n == 0 ? null : gcLog(module, n);
    }

    private Path gcLog(String module, int n) {
        return work.resolve("logs/gc-" + module + "-" + n + ".log");
    }

    private Process service(String module, int n, int port, String portVariable, List<String> jvmExtras, List<String> args)
            throws IOException {
        Path jar = jarOf(module);
        List<String> cmd = new ArrayList<>(List.of(javaBin(), SERVICE_HEAP, SERVICE_GC, "-Daxoniq.update-checker.disabled=true",
                // every pause, stamped with the wall clock as it ends (an option of CASETRACK_BENCH_JVM's may add its own log)
                "-Xlog:gc:file=" + gcLog(module, n) + ":timemillis"));
        cmd.addAll(jvmExtras);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("logs/" + module + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put(portVariable, Integer.toString(port));
        env.put("CASETRACK_DB_PORT", Integer.toString(dbPort));
        env.put("CASETRACK_DATA", work.toString());
        env.put("CASETRACK_EDITOR_TOKEN", editorToken);
        env.put("CASETRACK_AUDITOR_TOKEN", auditorToken);
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return pb.start();
    }

    private int commandStarts;

    public void startCommandSide(String... args) throws Exception {
        // "{n}" in an extra JVM option (a JFR file name) becomes the number of this start: one file per process
        int n = ++commandStarts;
        List<String> extras = commandJvmExtras.stream().map(o -> o.replace("{n}", Integer.toString(n))).toList();
        command = service("command-side", n, commandPort, "CASETRACK_COMMAND_PORT", extras, List.of(args));
        awaitHealth("command side", command, commandPort, true, Duration.ofSeconds(180));
    }

    private int queryStarts;

    public void startQuerySide() throws Exception {
        startQuerySide(List.of());
    }

    /** The query side with these JVM options after the usual ones (a later -Xmx wins over {@link #SERVICE_HEAP}). */
    public void startQuerySide(List<String> jvmOptions) throws Exception {
        int n = ++queryStarts;
        List<String> extras = new ArrayList<>(queryJvmExtras.stream().map(o -> o.replace("{n}", Integer.toString(n))).toList());
        extras.addAll(jvmOptions);
        query = service("query-side", n, queryPort, "CASETRACK_QUERY_PORT", extras, List.of());
        awaitHealth("query side", query, queryPort, true, Duration.ofSeconds(180));
    }

    /** SIGTERM and wait: a clean stop. */
    public static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGKILL: what a power cut does to the process. */
    public static void kill9(Process p) throws InterruptedException {
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /** Waits for /actuator/health to say UP (or, with up=false, anything but UP). */
    public void awaitHealth(String name, Process p, int port, boolean up, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + work.resolve("logs"));
            }
            if (isUp(port) == up) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not " + (up ? "UP" : "DOWN") + " within " + max + "; see " + work.resolve("logs"));
    }

    public boolean isUp(int port) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What /actuator/health answers now: "UP", "DOWN" (an explicit 503 DOWN), or "no answer" (refused or timed out). */
    public String healthSays(int port, Duration timeout) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"")) {
                return "UP";
            }
            return r.body().contains("\"status\":\"DOWN\"") ? "DOWN" : "HTTP " + r.statusCode();
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no answer";
        }
    }

    /** Waits until /actuator/health explicitly answers DOWN; false if it did not within max. */
    public boolean awaitExplicitDown(int port, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (healthSays(port, Duration.ofSeconds(20)).equals("DOWN")) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    Path jarOf(String module) throws IOException {
        try (var files = Files.list(root.resolve(module).resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*\\.jar") && !f.toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + " jar: run ./mvnw -B -DskipTests package"));
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The folder the work directories are made in: {@value #DIR_ENV}, or else {@code java.io.tmpdir}. */
    static Path workParent() {
        String dir = System.getenv(DIR_ENV);
        return Path.of(dir == null || dir.isBlank() ? System.getProperty("java.io.tmpdir") : dir).toAbsolutePath();
    }

    /**
     * Why a run that needs {@code needed} bytes must not start in {@code parent}, or empty when its
     * file system has them free. The answer names the free space, what needs it, and the work
     * directories earlier runs left there with a data folder (killed with SIGKILL, or kept).
     */
    static Optional<String> freeSpaceRefusal(Path parent, long needed, String what) throws IOException {
        Path existing = parent.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent(); // the folder is made later, on the file system of its nearest ancestor
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (free >= needed) {
            return Optional.empty();
        }
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT,
                "bench: not started: %s needs about %s free for its PostgreSQL data folder, and %s has %s free.",
                what, gigabytes(needed), parent, gigabytes(free)));
        List<Path> left = leftWorkDirectories(parent);
        if (!left.isEmpty()) {
            why.append(" Earlier runs left these data folders (the run was killed, or ran with ")
                    .append(KEEP_DATA_ENV).append("=1); remove what you no longer need:");
            for (Path dir : left) {
                why.append("\n  rm -rf ").append(dir.resolve("postgres")).append("   # ").append(gigabytes(sizeOf(dir.resolve("postgres"))));
            }
        }
        why.append("\nOr set ").append(DIR_ENV).append(" to a folder on a disk with more space.");
        return Optional.of(why.toString());
    }

    /** The {@code casetrack-bench-*} directories in {@code parent} that still hold a PostgreSQL data folder. */
    static List<Path> leftWorkDirectories(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(WORK_PREFIX) && Files.isDirectory(d.resolve("postgres")))
                    .sorted()
                    .toList();
        }
    }

    /** "6.9 GB", or "30 MB" below a gigabyte. */
    static String gigabytes(long bytes) {
        return bytes < 1_000_000_000L ? String.format(Locale.ROOT, "%d MB", bytes / 1_000_000L)
                : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    /** The bytes of the regular files under {@code dir} (0 if it is gone). */
    static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // removed while walking
                }
            }).sum();
        }
    }

    /**
     * Stops both services and PostgreSQL, then removes the data folder unless {@link #keepData}.
     * Safe to call twice (the try-with-resources and the bench's shutdown hook both do).
     */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        stop(query);
        stop(command);
        stopPostgres(); // throws if PostgreSQL did not stop: then its data stays where it is
        Path data = work.resolve("postgres");
        if (!Files.exists(data)) {
            return;
        }
        long size = sizeOf(data);
        if (keepData) {
            System.out.println("bench: kept the PostgreSQL data folder " + data + " (" + gigabytes(size) + ")");
            return;
        }
        deleteTree(data);
        System.out.println("bench: removed the PostgreSQL data folder " + data + " (" + gigabytes(size) + "; "
                + KEEP_DATA_ENV + "=1 keeps it); logs kept in " + work.resolve("logs"));
    }

    /** Deletes {@code dir} and everything under it, the deepest first. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
