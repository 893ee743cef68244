package casetrack.query.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * One real PostgreSQL per test JVM. Each named database gets the event store schema the command
 * side would have migrated (from the shared-events jar), since no command side runs here.
 */
public final class TestDatabase {

    public static final String USER = "postgres";
    private static EmbeddedPostgres server;
    private static final Set<String> created = new HashSet<>();

    private TestDatabase() {
    }

    /** A JDBC URL of a database with the event store in place, created on first use. */
    public static synchronized String url(String database) {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the data directory is temporary
                }
            }));
        }
        String url = server.getJdbcUrl(USER, database);
        if (created.add(database)) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + database, e);
            }
            Flyway.configure().dataSource(url, USER, "").locations("classpath:db/events").schemas("events")
                    .table("flyway_history_events").load().migrate();
        }
        return url;
    }
}
