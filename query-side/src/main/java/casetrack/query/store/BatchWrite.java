package casetrack.query.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything one processor batch writes, sent to PostgreSQL in one round trip when the batch
 * commits, in the transaction that also stores the processor's token. Each projection contributes
 * its statements (the timeline rows, the delivery counts, the summaries, their calendar, the change
 * notices); they run in the order the projections first touched the batch, one after the other, as
 * one multi-statement request. On a 2-core machine most of PostgreSQL's time per projected step
 * was the system calls and wake-ups of one small round trip per statement, not the statements.
 */
public final class BatchWrite {

    private static final String RESOURCE = BatchWrite.class.getName();

    /** One statement of the batch's write. */
    public interface Part {
        /** One SQL statement, its parameters as {@code ?}. */
        String sql();

        /** Its parameters, in order (arrays made on this connection). */
        Object[] parameters(Connection connection) throws SQLException;

        /** The rows it returns, for a statement that returns rows. */
        default void rows(ResultSet rows) throws SQLException {
        }

        /** How many rows it changed, for a statement that returns no rows. */
        default void updated(int count) {
        }

        /** Writes that depend on the rows returned (run after every part, in the same transaction); rarely any. */
        default void afterwards() {
        }

        /**
         * Whether PostgreSQL is to plan this statement once per connection and keep that plan for
         * any parameter values (a generic plan), rather than plan it again for each execution. True
         * for a statement that takes its rows as arrays ({@code unnest}) and whose plan is the same
         * for any number of rows: with a custom plan PostgreSQL counts each execution's array
         * elements, rates that plan cheaper than the generic one (which assumes ten rows) and so
         * plans the statement anew for every batch. False (the default) where the values decide the
         * plan, e.g. {@code = ANY(?)} on a small table, whose generic plan is a full scan.
         */
        default boolean genericPlan() {
            return false;
        }
    }

    /** Generic plans for the parts that ask for them, for the rest of the transaction or until reset. */
    static final String GENERIC_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan";
    /** Plans chosen as the connection's settings say (PostgreSQL's default: custom or generic by cost). */
    static final String CONFIGURED_PLANS = "SET LOCAL plan_cache_mode TO DEFAULT";

    /**
     * An array parameter of element type {@code type} ({@code text}, {@code varchar}, {@code int8},
     * {@code int4} or {@code bool}), sent in PostgreSQL's binary format. Every array a projection
     * writes goes through here: the JDBC driver encodes only typed Java arrays ({@code String[]},
     * {@code Long[]}, ...) in binary; an {@code Object[]} it turns into one array literal, every
     * element quoted and escaped into a single string that is then encoded to UTF-8 as a whole (slowly,
     * once it holds one character outside Latin-1) and parsed back by PostgreSQL. The case files
     * of the summaries went that way (BENCHMARKS.md, session 8).
     *
     * @throws ArrayStoreException if a value is not of the element type's Java class
     */
    public static Array array(Connection connection, String type, Object[] values) throws SQLException {
        Class<? extends Object[]> typed = switch (type) {
            case "text", "varchar" -> String[].class;
            case "int8" -> Long[].class;
            case "int4" -> Integer[].class;
            case "bool" -> Boolean[].class;
            default -> throw new IllegalArgumentException("no binary array of " + type + " here");
        };
        return connection.createArrayOf(type, values.getClass() == typed ? values : Arrays.copyOf(values, values.length, typed));
    }

    private final JdbcTemplate jdbc;
    private final List<Supplier<List<Part>>> contributions = new ArrayList<>();

    private BatchWrite(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The write of the batch (the root unit of work) being handled; the first call in a batch
     * arranges for it to be sent when the batch prepares to commit.
     */
    public static BatchWrite current(JdbcTemplate jdbc) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(RESOURCE, key -> {
            BatchWrite write = new BatchWrite(jdbc);
            root.onPrepareCommit(unitOfWork -> write.send());
            return write;
        });
    }

    /** Adds a projection's statements, asked for when the batch commits (none: nothing to write). */
    public void contribute(Supplier<List<Part>> parts) {
        contributions.add(parts);
    }

    private void send() {
        List<Part> parts = contributions.stream().map(Supplier::get).filter(Objects::nonNull)
                .flatMap(List::stream).toList();
        if (parts.isEmpty()) {
            return;
        }
        // the statements in order, each part's plan setting switched on where it changes (null: a setting)
        List<String> statements = new ArrayList<>();
        List<Part> results = new ArrayList<>();
        boolean generic = false;
        for (Part part : parts) {
            if (part.genericPlan() != generic) {
                generic = part.genericPlan();
                statements.add(generic ? GENERIC_PLANS : CONFIGURED_PLANS);
                results.add(null);
            }
            statements.add(part.sql());
            results.add(part);
        }
        if (generic) {
            // the rest of the transaction (the processor's token, corrections) plans as configured
            statements.add(CONFIGURED_PLANS);
            results.add(null);
        }
        String sql = String.join(";\n", statements);
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (Part part : parts) {
                    for (Object parameter : part.parameters(connection)) {
                        statement.setObject(index++, parameter);
                    }
                }
                boolean rows = statement.execute();
                for (Part part : results) {
                    if (part == null) {
                        // a plan setting: no rows, nothing to report
                    } else if (rows) {
                        try (ResultSet result = statement.getResultSet()) {
                            part.rows(result);
                        }
                    } else {
                        part.updated(statement.getUpdateCount());
                    }
                    rows = statement.getMoreResults();
                }
            }
            return null;
        });
        parts.forEach(Part::afterwards);
    }
}
