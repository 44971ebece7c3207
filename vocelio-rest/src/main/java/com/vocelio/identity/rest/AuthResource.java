package com.vocelio.identity.rest;

import com.vocelio.identity.boundary.Accounts;
import com.vocelio.identity.boundary.Credentials;
import com.vocelio.identity.boundary.LoginOutcome;
import com.vocelio.identity.boundary.Logins;
import com.vocelio.identity.boundary.RegistrationRequest;
import com.vocelio.identity.boundary.Registrations;
import com.vocelio.identity.boundary.SecondFactors;
import com.vocelio.identity.boundary.SessionRenewals;
import com.vocelio.identity.boundary.Users;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.ClientAddress;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Contract §2 (A1–A5): sign-up, sign-in with the 202 second-factor step, refresh, sign-out, 2FA enrollment. */
@Path("auth")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Registrations registrations;

    @Inject
    Logins logins;

    @Inject
    SessionRenewals renewals;

    @Inject
    Users users;

    @Inject
    SecondFactors secondFactors;

    @Inject
    Accounts accounts;

    @Inject
    JsonWebToken token;

    @Inject
    ClientAddress address;

    @Context
    HttpServletRequest http;

    @POST
    @Path("register")
    @PermitAll
    public Response register(RegistrationRequest request) {
        return Response.status(201)
                .entity(SessionView.of(registrations.register(Bodies.required(request))))
                .build();
    }

    /** A1: without a code for a user with 2FA, 202 tells the portal to show the code field. */
    @POST
    @Path("login-2fa")
    @PermitAll
    public Response loginTwoFactor(Credentials credentials) {
        return login(credentials, true);
    }

    @POST
    @Path("login")
    @PermitAll
    public Response login(Credentials credentials) {
        return login(credentials, false);
    }

    private Response login(Credentials credentials, boolean secondFactorStep) {
        var outcome = logins.login(Bodies.required(credentials), address.of(http), secondFactorStep);
        if (outcome instanceof LoginOutcome.SignedIn signedIn) {
            return Response.ok(SessionView.of(signedIn.session())).build();
        }
        return Response.accepted(Envelope.of("two_factor_required", true)
                        .with("message", "Two-factor code required: enter the code from your authenticator app"))
                .build();
    }

    @POST
    @Path("refresh")
    @PermitAll
    public SessionView refresh(RefreshRequest request) {
        return SessionView.of(renewals.refresh(Bodies.required(request).refreshToken()));
    }

    /** A machine credential (role service) for an access token: {@code {"api_key":"vak_…"}}. */
    @POST
    @Path("token")
    @PermitAll
    public SessionView token(ApiKeyRequest request) {
        return SessionView.of(logins.exchangeApiKey(Bodies.required(request).apiKey(), address.of(http)));
    }

    /** A4: ends every session of the caller (refresh tokens revoked; the access token expires on its own). */
    @POST
    @Path("logout")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Envelope logout() {
        users.revokeSessions(users.get(token.getSubject()));
        return Envelope.of("message", "Signed out");
    }

    @GET
    @Path("me")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Envelope me() {
        var view = UserView.of(users.get(token.getSubject()), accounts.current());
        return Envelope.of("user", view).with("user_info", view);
    }

    @POST
    @Path("setup-2fa")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
    public Envelope setupTwoFactor() {
        var enrollment = secondFactors.start(token.getSubject());
        return Envelope.of("secret", enrollment.secret())
                .with("otpauth_url", enrollment.otpauthUrl())
                .with("message", "Scan the code, then confirm with POST /auth/verify-2fa {code}");
    }

    @POST
    @Path("verify-2fa")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
    public Envelope verifyTwoFactor(CodeRequest request) {
        var user = secondFactors.confirm(
                token.getSubject(), Bodies.required(request).code());
        return Envelope.of("two_factor_enabled", user.totpEnabled()).with("message", "Two-factor sign-in is on");
    }

    public record RefreshRequest(String refreshToken) {}

    public record ApiKeyRequest(String apiKey) {}

    public record CodeRequest(String code) {}
}
