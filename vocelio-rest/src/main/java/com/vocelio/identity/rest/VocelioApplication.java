package com.vocelio.identity.rest;

import com.vocelio.identity.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * Serves the portal's paths ({@code /api/...}) and the seed's ({@code /departments}, {@code /agents}, ...) from the
 * context root; the console's {@code /console/*} mapping is more specific and wins. Callers present RS256 access
 * tokens ({@code BearerTokenMechanism} verifies them and makes them MicroProfile JWT {@code JsonWebToken}s);
 * resources say who may call them with {@code @RolesAllowed} ({@code RoleChecks}).
 */
@ApplicationPath("/")
@ApplicationScoped
@DeclareRoles({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
public class VocelioApplication extends Application {

    /** No generated WADL: not at {@code /application.wadl}, not as the answer to OPTIONS. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
