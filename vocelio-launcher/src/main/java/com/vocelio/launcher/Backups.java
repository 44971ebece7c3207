package com.vocelio.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;

/**
 * {@code ./vocelio backup FILE} and {@code ./vocelio restore FILE}: every table's rows, read in one snapshot with
 * PostgreSQL's {@code COPY} (the embedded binaries come without {@code pg_dump}), with the schema's history (the
 * Liquibase changesets it has). A restore needs an empty database: it builds the schema the dump was taken at with
 * the same changesets, loads every row in one transaction (all or nothing), and moves every identity past the
 * restored ids, so event ids resume without reuse; the application migrates any newer changesets when it starts.
 */
public final class Backups {

    static final String MANIFEST = "vocelio-backup.properties";
    static final String FORMAT = "1";

    private Backups() {}

    /** What a backup holds, for the operator's message. */
    public record Summary(int tables, long rows, int changesets) {}

    /** Writes the dump next to {@code file} and moves it there when complete: a failed backup leaves no file. */
    public static Summary backup(DatabaseSettings database, Path file) throws IOException, SQLException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Connection connection = connect(database)) {
            connection.setAutoCommit(false);
            try (var snapshot = connection.createStatement()) {
                snapshot.execute("set transaction isolation level repeatable read, read only");
            }
            List<String> changesets = Schema.changesets(connection);
            if (changesets.isEmpty()) {
                throw new IllegalStateException("the database at " + database.url() + " has no Vocelio schema");
            }
            var manifest = new Properties();
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("created", Instant.now().toString());
            manifest.setProperty("changesets", String.join("\n", changesets));
            Map<String, Map<String, String>> tables = Schema.tables(connection);
            manifest.setProperty("tables", String.join(",", tables.keySet()));
            long rows = 0;
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (var zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                for (var table : tables.entrySet()) {
                    String columns = String.join(",", portable(table.getValue()));
                    manifest.setProperty("columns." + table.getKey(), columns);
                    zip.putNextEntry(new ZipEntry("tables/" + table.getKey() + ".copy"));
                    rows += copy.copyOut("copy " + table.getKey() + " (" + columns + ") to stdout", new Unclosed(zip));
                    zip.closeEntry();
                }
                manifest.setProperty("rows", Long.toString(rows));
                zip.putNextEntry(new ZipEntry(MANIFEST));
                manifest.store(zip, "Vocelio backup");
                zip.closeEntry();
            }
            connection.rollback();
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(tables.size(), rows, changesets.size());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * @param schemaRoot the directory holding {@code liquibase/db.changelog.xml} (the repository's {@code src/main})
     */
    public static Summary restore(DatabaseSettings database, Path file, Path schemaRoot) throws Exception {
        try (var zip = new ZipFile(file.toFile())) {
            var manifest = manifest(zip, file);
            List<String> changesets = List.of(manifest.getProperty("changesets").split("\n"));
            try (Connection connection = connect(database)) {
                Schema.create(connection, database, schemaRoot, changesets);
                connection.setAutoCommit(false);
                long rows = load(connection, zip, manifest);
                connection.commit();
                return new Summary(manifest.getProperty("tables").split(",").length, rows, changesets.size());
            }
        }
    }

    private static long load(Connection connection, ZipFile zip, Properties manifest) throws IOException, SQLException {
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Map<String, Map<String, String>> present = Schema.tables(connection);
        long rows = 0;
        try (var statement = connection.createStatement()) {
            statement.execute("truncate " + String.join(",", present.keySet())); // what the changesets wrote
            for (String table : Schema.parentsFirst(
                    connection, List.of(manifest.getProperty("tables").split(",")))) {
                if (!present.containsKey(table)) {
                    throw new IllegalStateException("the backup has table " + table + ", which the schema has not");
                }
                // derived rows (queue counts) come from the backup as they were; the triggers would count twice
                statement.execute("alter table " + table + " disable trigger user");
                try (InputStream rowsIn = zip.getInputStream(zip.getEntry("tables/" + table + ".copy"))) {
                    rows += copy.copyIn(
                            "copy " + table + " (" + restoredColumns(manifest, table, present.get(table))
                                    + ") from stdin",
                            rowsIn);
                }
                statement.execute("alter table " + table + " enable trigger user");
            }
            Schema.advanceIdentities(connection);
        }
        return rows;
    }

    /**
     * Every column but transaction ids ({@code xid8}): they count in the old cluster, whose counter another does not
     * share; restored rows take the restoring transaction's id, older than anything written after it (the event
     * relay delivers by it).
     */
    private static List<String> portable(Map<String, String> columns) {
        return columns.entrySet().stream()
                .filter(column -> !column.getValue().equals("xid8"))
                .map(Map.Entry::getKey)
                .toList();
    }

    private static String restoredColumns(Properties manifest, String table, Map<String, String> present) {
        String columns = manifest.getProperty("columns." + table);
        for (String column : columns.split(",")) {
            if (!present.containsKey(column)) {
                throw new IllegalStateException(
                        "the backup has column " + table + "." + column + ", which the schema has not");
            }
        }
        return columns;
    }

    private static Properties manifest(ZipFile zip, Path file) throws IOException {
        var entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new IllegalArgumentException(file + " is not a Vocelio backup (no " + MANIFEST + ")");
        }
        var manifest = new Properties();
        try (var in = zip.getInputStream(entry)) {
            manifest.load(in);
        }
        if (!FORMAT.equals(manifest.getProperty("format"))) {
            throw new IllegalArgumentException(file + " is a backup of format " + manifest.getProperty("format")
                    + "; this version reads " + FORMAT);
        }
        return manifest;
    }

    private static Connection connect(DatabaseSettings database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }

    /** The zip stays open across entries; COPY closes what it is given. */
    private static final class Unclosed extends OutputStream {
        private final OutputStream out;

        Unclosed(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the entry is closed by the caller
        }
    }
}
