package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether the database answers now: one pooled connection's validity check, for readiness and status. */
@ApplicationScoped
public class DatabaseProbe {

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    public boolean answers() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
