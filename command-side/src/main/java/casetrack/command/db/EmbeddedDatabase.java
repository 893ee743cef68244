package casetrack.command.db;

import casetrack.shared.store.PostgresServerSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The embedded default: a real PostgreSQL 17 whose data persists in {@code $CASETRACK_DATA/postgres}
 * (default {@code ./.data/postgres}), listening on 127.0.0.1:{@code $CASETRACK_DB_PORT} (default 54329).
 * It runs until the process is stopped; zonky's shutdown hook stops PostgreSQL cleanly.
 */
public final class EmbeddedDatabase {

    public static final String DATABASE = "casetrack";

    private EmbeddedDatabase() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(env("CASETRACK_DATA", ".data")).toAbsolutePath().resolve("postgres");
        int port = Integer.parseInt(env("CASETRACK_DB_PORT", "54329"));
        Files.createDirectories(data);
        EmbeddedPostgres postgres = start(data, port);
        createDatabaseIfMissing(postgres);
        System.out.printf("casetrack: embedded PostgreSQL 17 ready on 127.0.0.1:%d, database '%s', data in %s%n",
                port, DATABASE, data);
        Thread.currentThread().join();
    }

    public static EmbeddedPostgres start(Path dataDirectory, int port) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(120));
        // zonky starts PostgreSQL with fsync off (fine for throwaway test data); this is a record
        PostgresServerSettings.settings().forEach(builder::setServerConfig);
        return builder.start();
    }

    public static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
