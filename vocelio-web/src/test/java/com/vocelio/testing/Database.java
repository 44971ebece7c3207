package com.vocelio.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's PostgreSQL seen directly, as the application left it: for what no endpoint shows (capacity counters,
 * the outbox's rows, the signing key) and for writing what only the database can (events out of commit order).
 */
public final class Database {

    private Database() {}

    public static Connection connect() {
        try {
            return DriverManager.getConnection(TestServer.get().jdbcUrl(), "postgres", "vocelio");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a query, each a column-name → value map; {@code ?} parameters bound in order. */
    public static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters) {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                var rows = new ArrayList<Map<String, Object>>();
                var meta = result.getMetaData();
                while (result.next()) {
                    var row = new LinkedHashMap<String, Object>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (var connection = connect()) {
            return rows(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as a long (0 for SQL null). */
    public static long number(Connection connection, String sql, Object... parameters) {
        var rows = rows(connection, sql, parameters);
        Object value = rows.isEmpty() ? null : rows.get(0).values().iterator().next();
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static long number(String sql, Object... parameters) {
        try (var connection = connect()) {
            return number(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
