package casetrack.query.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import casetrack.query.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.PgArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The arrays of the projections' batch writes travel in PostgreSQL's binary format, whatever Java
 * array the rows were collected in, and arrive exactly as given: text that would need quoting or
 * escaping in an array literal, characters outside Latin-1, nulls.
 */
class BinaryArraysTest {

    private static final Object[] AWKWARD_TEXT = {"{\"caseId\":\"c-1\",\"note\":\"a \\\\ b, {c}\"}",
            "Ruling on “Supremacy Clause” immunity — 28 U.S.C. §1442", "NULL", null, "", "🦅 ,\"{}\\"};

    @Test
    void textFromAnObjectArrayIsSentInBinaryAndArrivesUnchanged() throws Exception {
        try (Connection connection = connect()) {
            for (String type : List.of("text", "varchar")) {
                Array array = BatchWrite.array(connection, type, AWKWARD_TEXT);
                assertThat(array).isInstanceOf(PgArray.class);
                assertThat(((PgArray) array).isBinary()).as(type + "[] in binary").isTrue();
                assertThat(roundTrip(connection, type, array)).containsExactly(AWKWARD_TEXT);
            }
        }
    }

    @Test
    void numbersAndBooleansFromAnObjectArrayAreSentInBinary() throws Exception {
        try (Connection connection = connect()) {
            Object[][] values = {{1L, null, Long.MAX_VALUE}, {7, null, -1}, {true, null, false}};
            String[] types = {"int8", "int4", "bool"};
            for (int t = 0; t < types.length; t++) {
                Array array = BatchWrite.array(connection, types[t], values[t]);
                assertThat(((PgArray) array).isBinary()).as(types[t] + "[] in binary").isTrue();
                assertThat(roundTrip(connection, types[t], array)).containsExactly(values[t]);
            }
        }
    }

    /** Why the helper exists: the driver's own answer for an Object[] is a text literal. */
    @Test
    void theDriverAloneSendsAnObjectArrayAsText() throws Exception {
        try (Connection connection = connect()) {
            assertThat(((PgArray) connection.createArrayOf("text", AWKWARD_TEXT)).isBinary()).isFalse();
        }
    }

    @Test
    void aValueOfAnotherTypeIsRefusedRatherThanConverted() throws Exception {
        try (Connection connection = connect()) {
            assertThatThrownBy(() -> BatchWrite.array(connection, "int8", new Object[]{"1"}))
                    .isInstanceOf(ArrayStoreException.class);
            assertThatThrownBy(() -> BatchWrite.array(connection, "jsonb", new Object[]{"{}"}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestDatabase.url("casetrack_arrays"), TestDatabase.USER, "");
    }

    private static List<Object> roundTrip(Connection connection, String type, Array array) throws Exception {
        List<Object> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT v FROM unnest(CAST(? AS " + type + "[])) WITH ORDINALITY AS a(v, position) ORDER BY position")) {
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getObject(1));
                }
            }
        }
        return values;
    }
}
