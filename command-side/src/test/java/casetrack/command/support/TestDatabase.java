package casetrack.command.support;

import casetrack.command.db.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real embedded PostgreSQL 17 per test JVM, with the same settings as the embedded default. */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                Path data = Files.createTempDirectory("casetrack-test-pg");
                postgres = EmbeddedDatabase.start(data, freePort());
                EmbeddedDatabase.createDatabaseIfMissing(postgres);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
            }
        }
        return postgres;
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres().getPort() + "/" + EmbeddedDatabase.DATABASE;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
