package com.vocelio.event.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Plain connections to the application's database for the bus's long-lived ends (the relay's {@code LISTEN}, the
 * notifier): outside the pool, because they live as long as the node and must not hold a pooled connection or a
 * transaction.
 */
@ApplicationScoped
public class BusConnections {

    @Inject
    @ConfigProperty(name = "DATABASE_URL")
    String url;

    @Inject
    @ConfigProperty(name = "DATABASE_USER")
    String user;

    @Inject
    @ConfigProperty(name = "DATABASE_PASSWORD")
    Optional<String> password; // empty is a value here (trust authentication), which MicroProfile Config calls missing

    public Connection open(String applicationName) throws SQLException {
        var source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(user);
        source.setPassword(password.orElse(""));
        source.setTcpKeepAlive(true);
        source.setApplicationName(applicationName);
        source.setConnectTimeout(5);
        return source.getConnection();
    }
}
