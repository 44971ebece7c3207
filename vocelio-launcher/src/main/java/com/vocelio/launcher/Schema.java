package com.vocelio.launcher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/** What a backup and a restore need to know of the application's schema, read from PostgreSQL's catalog. */
final class Schema {

    /** The application's changelog, by the logical path the application and the Maven plugin record it under. */
    static final String CHANGELOG = "liquibase/db.changelog.xml";

    private static final Set<String> LIQUIBASE_TABLES = Set.of("databasechangelog", "databasechangeloglock");

    private Schema() {}

    /** The changesets applied, in the order they ran ({@code id::author::file}); empty without a schema. */
    static List<String> changesets(Connection connection) throws SQLException {
        if (!hasTable(connection, "databasechangelog")) {
            return List.of();
        }
        var changesets = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "select id, author, filename from databasechangelog order by orderexecuted")) {
            while (rows.next()) {
                changesets.add(rows.getString(1) + "::" + rows.getString(2) + "::" + rows.getString(3));
            }
        }
        return changesets;
    }

    /** The application's tables, each with its stored columns and their types, by name. */
    static Map<String, Map<String, String>> tables(Connection connection) throws SQLException {
        var tables = new LinkedHashMap<String, Map<String, String>>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        """
                        select c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
                        from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                        where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attgenerated = ''
                        order by c.relname, a.attnum""")) {
            while (rows.next()) {
                if (!LIQUIBASE_TABLES.contains(rows.getString(1))) {
                    tables.computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>())
                            .put(rows.getString(2), rows.getString(3));
                }
            }
        }
        return tables;
    }

    /**
     * A restore never mixes two histories: it starts from a database without Vocelio's schema, builds the schema the
     * backup was taken at with the same changesets (a backup from a newer or another version is refused), and
     * empties the tables of what changesets wrote (the backup has those rows too).
     */
    static void create(Connection connection, DatabaseSettings database, Path schemaRoot, List<String> wanted)
            throws Exception {
        if (!changesets(connection).isEmpty() || !tables(connection).isEmpty()) {
            throw new IllegalStateException(
                    "the database at " + database.url() + " already has a Vocelio schema; restore into a new database");
        }
        liquibase(connection, schemaRoot, "updateCount", Map.of("count", wanted.size()));
        if (!changesets(connection).equals(wanted)) {
            throw new IllegalStateException("this version's schema history differs from the backup's (it was taken"
                    + " by a newer or another version of Vocelio); restore it with that version");
        }
    }

    /** Every changeset of this version not yet applied, as the application does when it starts. */
    static void update(Connection connection, Path schemaRoot) throws Exception {
        liquibase(connection, schemaRoot, "update", Map.of());
    }

    private static void liquibase(Connection connection, Path schemaRoot, String command, Map<String, Object> arguments)
            throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        java.util.logging.Logger.getLogger("liquibase").setLevel(java.util.logging.Level.WARNING);
        var liquibaseDatabase =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(schemaRoot)), () -> {
            var scope = new CommandScope(command)
                    .addArgumentValue("database", liquibaseDatabase)
                    .addArgumentValue("changelogFile", CHANGELOG);
            arguments.forEach(scope::addArgumentValue);
            scope.execute();
        });
    }

    /** Tables so that every table comes after those its foreign keys point to. */
    static List<String> parentsFirst(Connection connection, List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new HashMap<>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        """
                        select c.conrelid::regclass::text, c.confrelid::regclass::text from pg_constraint c
                        join pg_namespace n on n.oid = c.connamespace
                        where c.contype = 'f' and n.nspname = current_schema()""")) {
            while (rows.next()) {
                parents.computeIfAbsent(rows.getString(1), t -> new HashSet<>()).add(rows.getString(2));
            }
        }
        var ordered = new LinkedHashSet<String>();
        for (String table : tables) {
            visit(table, parents, ordered, new HashSet<>());
        }
        ordered.retainAll(tables);
        return List.copyOf(ordered);
    }

    private static void visit(String table, Map<String, Set<String>> parents, Set<String> ordered, Set<String> path) {
        if (ordered.contains(table) || !path.add(table)) {
            return; // done, or a table that points at itself
        }
        for (String parent : parents.getOrDefault(table, Set.of())) {
            visit(parent, parents, ordered, path);
        }
        ordered.add(table);
    }

    /** Every identity and serial column continues after the largest restored value. */
    static void advanceIdentities(Connection connection) throws SQLException {
        var sequences = new ArrayList<String[]>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        """
                        select c.relname, a.attname, pg_get_serial_sequence(quote_ident(c.relname), a.attname)
                        from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                        where n.nspname = current_schema() and c.relkind = 'r'
                        and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null""")) {
            while (rows.next()) {
                sequences.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        try (var statement = connection.createStatement()) {
            for (String[] sequence : sequences) {
                statement.execute("select setval('" + sequence[2] + "', coalesce((select max(" + sequence[1] + ") from "
                        + sequence[0] + "), 0) + 1, false)");
            }
        }
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement("select to_regclass(?) is not null")) {
            statement.setString(1, table);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
