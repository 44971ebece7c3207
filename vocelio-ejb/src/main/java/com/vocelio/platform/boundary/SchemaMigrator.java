package com.vocelio.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the schema up to date before the application serves anything, so that any app server a customer deploys
 * the EAR on migrates itself. The datasource is defined here too: its URL has no default, so an application without
 * {@code DATABASE_URL} fails to deploy instead of serving 404s. Its pool survives the database going away: every
 * connection is validated before use and a dead one makes the pool replace them all, so the application recovers by
 * itself once the database is back.
 */
@DataSourceDefinition(
        name = SchemaMigrator.DATASOURCE,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=DATABASE_URL}",
        user = "${MPCONFIG=DATABASE_USER}",
        password = "${MPCONFIG=DATABASE_PASSWORD}",
        minPoolSize = 2,
        maxPoolSize = SchemaMigrator.MAX_POOL_SIZE,
        properties = {
            "stringType=unspecified",
            "tcpKeepAlive=true",
            "ApplicationName=vocelio",
            // a database that does not answer fails a connection attempt in seconds, not the driver's default
            "connectTimeout=5",
            // a pooled connection is checked before it is handed out (one round trip: JDBC 4 isValid) unless it was
            // checked in the last two seconds (so a busy pool does not pay a round trip per request), and when one is
            // found dead (the database restarted, pg_terminate_backend) every pooled connection is replaced
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.validate-atmost-once-period-in-seconds=2",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
            "fish.payara.fail-all-connections=true",
            // a request waits at most this long for a free connection, then fails (503) instead of queueing
            "fish.payara.max-wait-time-in-millis=5000"
        })
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    public static final String DATASOURCE = "java:app/jdbc/vocelio";

    /** The most connections a node's pool opens (also reported at /metrics). */
    public static final int MAX_POOL_SIZE = 48;

    static final String CHANGELOG = "liquibase/db.changelog.xml";

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            ClassLoader loader = SchemaMigrator.class.getClassLoader();
            Scope.child(
                    Map.of(
                            Scope.Attr.classLoader.name(),
                            loader,
                            Scope.Attr.resourceAccessor.name(),
                            new ClassLoaderResourceAccessor(loader)),
                    () -> new CommandScope("update")
                            .addArgumentValue("database", database)
                            .addArgumentValue("changelogFile", CHANGELOG)
                            .execute());
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot reach the database configured by DATABASE_URL/DATABASE_USER/DATABASE_PASSWORD: "
                            + e.getMessage(),
                    e);
        } catch (Exception e) {
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
        LOG.info(() -> "Schema up to date in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
}
