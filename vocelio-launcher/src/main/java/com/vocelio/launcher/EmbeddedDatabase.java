package com.vocelio.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A real PostgreSQL from Maven Central binaries, its data in a directory that outlives the process: the next start
 * on the same directory finds the same data. A new directory gets PostgreSQL {@value #MAJOR}. A directory is opened
 * by the major version that made it (its {@code PG_VERSION} file), because a server opens only its own major's
 * directories: one made by {@value #PREVIOUS_MAJOR}, before the move to {@value #MAJOR}, opens with the
 * {@value #PREVIOUS_MAJOR} binaries the launcher keeps for it, with a warning; any other version is refused.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String NAME = "vocelio";
    static final String USER = "postgres";
    /**
     * Embedded PostgreSQL listens on localhost only and trusts local connections; the role still gets a password so
     * the application's datasource is configured exactly as against a real server (MicroProfile Config treats an
     * empty value as missing).
     */
    static final String PASSWORD = "vocelio";

    /** The PostgreSQL of new data directories, the test suite's, and docker-compose.yml's. */
    static final int MAJOR = 16;

    /** The PostgreSQL of data directories made before the move to {@link #MAJOR}: opened, never upgraded. */
    static final int PREVIOUS_MAJOR = 14;

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory) throws IOException, SQLException {
        return start(dataDirectory, 0, true);
    }

    /**
     * On {@code port}, or any free port for 0 (a restart must come back where its clients look for it).
     *
     * @param durable whether a commit waits for its WAL to reach the disk ({@code synchronous_commit=on}, PostgreSQL's
     *     own default; the embedded binaries' default is off, where a crash can lose the last acknowledged commits)
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable)
            throws IOException, SQLException {
        Files.createDirectories(dataDirectory.getParent());
        int major = majorVersion(dataDirectory);
        if (major == PREVIOUS_MAJOR) {
            System.err.println(previousMajorWarning(dataDirectory));
        }
        var builder = EmbeddedPostgres.builder().setPgBinaryResolver(new PostgresBinaries(major));
        if (port > 0) {
            builder.setPort(port);
        }
        var postgres = builder.setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                // the commit time of each transaction: bench/EventBench.java measures commit → received with it
                .setServerConfig("track_commit_timestamp", "on")
                .setPGStartupWait(Duration.ofSeconds(60)) // a loaded machine starts PostgreSQL slowly
                .start();
        var database = new EmbeddedDatabase(postgres);
        database.createApplicationDatabase();
        return database;
    }

    /**
     * The major version that opens {@code dataDirectory}: {@link #MAJOR} for a new one, else the one its
     * {@code PG_VERSION} names when it is {@link #MAJOR} or {@link #PREVIOUS_MAJOR}.
     *
     * @throws IllegalStateException for another version, naming the directory and the version; nothing is touched
     */
    static int majorVersion(Path dataDirectory) throws IOException {
        Path versionFile = dataDirectory.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            return MAJOR;
        }
        String version = Files.readString(versionFile).strip();
        if (version.equals(Integer.toString(MAJOR))) {
            return MAJOR;
        }
        if (version.equals(Integer.toString(PREVIOUS_MAJOR))) {
            return PREVIOUS_MAJOR;
        }
        throw new IllegalStateException("the embedded database in " + dataDirectory + " was made by PostgreSQL '"
                + version + "' (its PG_VERSION file); this launcher opens PostgreSQL " + MAJOR + " and "
                + PREVIOUS_MAJOR
                + " directories only. Nothing was changed. Open it with a PostgreSQL " + version
                + " server through DATABASE_URL, or set VOCELIO_DATA_DIR to another directory");
    }

    private static String previousMajorWarning(Path dataDirectory) {
        return "vocelio: WARNING: the embedded database in " + dataDirectory + " is PostgreSQL " + PREVIOUS_MAJOR
                + "; it runs on the PostgreSQL " + PREVIOUS_MAJOR + " binaries kept for it, while new data directories"
                + " get PostgreSQL " + MAJOR
                + " (as docker-compose.yml does). There is no automatic upgrade yet: to move to "
                + MAJOR
                + ": stop ./vocelio run, ./vocelio backup FILE, then VOCELIO_DATA_DIR=NEW_DIR ./vocelio restore FILE and"
                + " run with VOCELIO_DATA_DIR=NEW_DIR (see README, \"Backup and restore\")";
    }

    private void createApplicationDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"), USER, "");
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            try (var password = connection.createStatement()) {
                password.execute("alter role " + USER + " password '" + PASSWORD + "'");
            }
            exists.setString(1, NAME);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + NAME);
                    }
                }
            }
        }
    }

    public DatabaseSettings settings() {
        return new DatabaseSettings(postgres.getJdbcUrl(USER, NAME), USER, PASSWORD);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
