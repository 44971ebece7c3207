package com.vocelio.identity.rest;

import com.vocelio.identity.boundary.Accounts;
import com.vocelio.identity.boundary.Accounts.AccountRequest;
import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Caller;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code /settings/account} (contract §7.2): the organization's account settings. The home dashboard preloads it,
 * usually without a token (then {@code account} is empty, never an error: a 401 there sends the portal into a
 * sign-in loop); admins change it with {@code PUT {organization_name?, timezone?, language?}}.
 */
@Path("settings/account")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountSettingsResource {

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @GET
    @PermitAll
    public Envelope get() {
        return Envelope.of("account", caller.signedIn() ? view(accounts.current()) : Map.of());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    public Envelope change(AccountRequest request) {
        return Envelope.of("account", view(accounts.change(Bodies.required(request))));
    }

    private static Map<String, Object> view(Organization organization) {
        return Map.of(
                "organization_id", organization.id(),
                "organization_name", organization.name(),
                "subdomain", organization.subdomain(),
                "timezone", organization.zone().getId(),
                "language", organization.language(),
                "created_at", organization.createdAt().toString());
    }
}
