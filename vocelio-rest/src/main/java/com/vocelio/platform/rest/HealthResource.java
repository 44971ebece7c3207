package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code GET /health}: polled by the portal on every page (merged over {@code {status, services, uptime}}) and by
 * the run command and load balancers for readiness. 503 when the database does not answer.
 */
@Path("health")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @GET
    public Response health() {
        boolean database = databaseAnswers();
        String status = database ? "healthy" : "unhealthy";
        var body = Map.of(
                "status",
                status,
                "services",
                Map.of("database", Map.of("status", status)),
                "uptime",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        return Response.status(database ? 200 : 503).entity(body).build();
    }

    private boolean databaseAnswers() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
