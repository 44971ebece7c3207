package com.vocelio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which PostgreSQL opens a data directory of {@code ./vocelio run}: 16 for a new one; 14, with a warning, for one
 * made by 14 (16 cannot open it), keeping its data; nothing for any other version. Real servers from the binaries on
 * the launcher's class path, as {@code ./vocelio run} has them (both majors side by side).
 */
class EmbeddedDatabaseIT {

    /** The repository's {@code src/main}: the application's changelog, as {@code ./vocelio restore} reads it. */
    private static final Path SCHEMA =
            Path.of("..", "src", "main").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aNewDataDirectoryStartsOnPostgres16() throws Exception {
        Path data = dir.resolve("postgres");
        try (var database = EmbeddedDatabase.start(data)) {
            int version = versionNumber(database);
            assertTrue(version >= 160000 && version < 170000, "server_version_num " + version);
        }
        assertEquals("16", Files.readString(data.resolve("PG_VERSION")).strip());
    }

    @Test
    void aDataDirectoryMadeByPostgres14OpensWith14WithAWarningAndKeepsItsData() throws Exception {
        Path data = dir.resolve("postgres");
        madeByPostgres14(data, "create table notes (text varchar(40))", "insert into notes values ('written by 14')");

        String err;
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (var database = EmbeddedDatabase.start(data)) {
            int version = versionNumber(database);
            assertTrue(version >= 140000 && version < 150000, "server_version_num " + version);
            assertEquals(List.of("written by 14"), notes(database));
            execute(database, "insert into notes values ('written by the launcher')");
        } finally {
            System.setErr(original);
            err = captured.toString(StandardCharsets.UTF_8);
        }
        List<String> warnings = err.lines().filter(l -> l.contains("WARNING")).toList();
        assertEquals(1, warnings.size(), err);
        assertTrue(warnings.get(0).contains(data.toString()), warnings.get(0));
        assertTrue(warnings.get(0).contains("PostgreSQL 14"), warnings.get(0));
        assertTrue(warnings.get(0).contains("no automatic upgrade yet"), warnings.get(0));
        assertTrue(warnings.get(0).contains("VOCELIO_DATA_DIR"), warnings.get(0));

        try (var restarted = EmbeddedDatabase.start(data)) {
            assertTrue(versionNumber(restarted) < 150000, "still 14 after a restart");
            assertEquals(List.of("written by 14", "written by the launcher"), notes(restarted));
        }
        assertEquals("14", Files.readString(data.resolve("PG_VERSION")).strip(), "never upgraded in place");
    }

    @Test
    void aDataDirectoryOfAnotherVersionIsRefusedAndLeftAlone() throws Exception {
        for (String version : new String[] {"15", "17", "9.6"}) {
            Path data = Files.createDirectories(dir.resolve("postgres-" + version));
            Files.writeString(data.resolve("PG_VERSION"), version + "\n");
            Files.writeString(data.resolve("postgresql.conf"), "# someone's\n");

            var refused = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(data));

            assertTrue(refused.getMessage().contains(data.toString()), refused.getMessage());
            assertTrue(refused.getMessage().contains("PostgreSQL '" + version + "'"), refused.getMessage());
            assertEquals(version + "\n", Files.readString(data.resolve("PG_VERSION")));
            assertEquals("# someone's\n", Files.readString(data.resolve("postgresql.conf")));
            try (var files = Files.list(data)) {
                assertEquals(2, files.count(), "nothing added");
            }
        }
    }

    /** The way the warning names: ./vocelio backup on the 14 directory, ./vocelio restore into a new one. */
    @Test
    void aPostgres14DatabaseMovesTo16ThroughBackupAndRestore() throws Exception {
        Path old = dir.resolve("old/postgres");
        madeByPostgres14(old);
        Path file = dir.resolve("backup.zip");
        try (var database = EmbeddedDatabase.start(old)) {
            try (var connection = connect(database)) {
                Schema.update(connection, SCHEMA); // Liquibase leaves the connection without auto-commit
            }
            try (var connection = connect(database);
                    var insert = connection.createStatement()) {
                insert.execute("insert into organizations (id, name, subdomain)"
                        + " values (gen_random_uuid(), 'Made on 14', 'madeon14')");
            }
            Backups.backup(database.settings(), file);
        }
        try (var database = EmbeddedDatabase.start(dir.resolve("new/postgres"))) {
            Backups.restore(database.settings(), file, SCHEMA);
            assertTrue(versionNumber(database) >= 160000);
            try (var connection = connect(database);
                    var rows = connection
                            .createStatement()
                            .executeQuery("select name from organizations where subdomain = 'madeon14'")) {
                assertTrue(rows.next(), "the organization made on 14 is there");
                assertEquals("Made on 14", rows.getString(1));
            }
        }
    }

    /** A data directory as the launcher made them before the move to 16: zonky's default binaries were 14's. */
    private static void madeByPostgres14(Path data, String... statements) throws Exception {
        Files.createDirectories(data.getParent());
        try (var postgres = EmbeddedPostgres.builder()
                        .setPgBinaryResolver(new PostgresBinaries(14))
                        .setDataDirectory(data)
                        .setCleanDataDirectory(false)
                        .start();
                var connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
                var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        assertEquals("14", Files.readString(data.resolve("PG_VERSION")).strip());
    }

    private static Connection connect(EmbeddedDatabase database) throws SQLException {
        var settings = database.settings();
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }

    private static int versionNumber(EmbeddedDatabase database) throws SQLException {
        try (var connection = connect(database);
                var rows = connection.createStatement().executeQuery("show server_version_num")) {
            rows.next();
            return Integer.parseInt(rows.getString(1));
        }
    }

    /** In the {@code postgres} database, where {@link #madeByPostgres14} wrote. */
    private static void execute(EmbeddedDatabase database, String sql) throws SQLException {
        try (var connection = postgresDatabase(database);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> notes(EmbeddedDatabase database) throws SQLException {
        var notes = new ArrayList<String>();
        try (var connection = postgresDatabase(database);
                var rows = connection.createStatement().executeQuery("select text from notes order by text")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }

    private static Connection postgresDatabase(EmbeddedDatabase database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + database.port() + "/postgres",
                EmbeddedDatabase.USER,
                EmbeddedDatabase.PASSWORD);
    }
}
