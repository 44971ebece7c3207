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
 * on the same directory finds the same data.
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
        var builder = EmbeddedPostgres.builder();
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
