package com.vocelio.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues the RS256 access tokens MicroProfile JWT verifies: {@code sub} the user id, {@code upn} the email,
 * {@code groups} the role, {@code tenant_id} the organization, and {@code agent_id} for users linked to an agent.
 * Short-lived on purpose ({@code vocelio.auth.access-token-ttl}); refresh tokens renew them.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String AGENT_CLAIM = "agent_id";

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "vocelio.auth.access-token-ttl", defaultValue = "PT15M")
    Duration ttl;

    public String issue(User user, Organization organization) {
        return issue(user, organization, Instant.now(), UUID.randomUUID().toString());
    }

    /**
     * The same user, organization, time and id give the same token, byte for byte (RS256 signatures are
     * deterministic): a refresh repeated within its grace period gets exactly the pair the first one got.
     */
    public String issue(User user, Organization organization, Instant issuedAt, String jwtId) {
        Instant now = Instant.ofEpochSecond(issuedAt.getEpochSecond());
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.id())
                .claim("upn", user.email())
                .claim("groups", List.of(user.role().wireName()))
                .claim(TENANT_CLAIM, organization.id())
                .claim("org", organization.subdomain())
                .jwtID(jwtId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        user.agentId().ifPresent(agent -> claims.claim(AGENT_CLAIM, agent));
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(keys.keyId())
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(keys.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return jwt.serialize();
    }

    /** Who a verified access token speaks for. */
    public record Bearer(
            String subject, String tenantId, List<String> roles, Optional<String> agentId, Instant expiresAt) {}

    /**
     * Verifies an access token the way MicroProfile JWT does for HTTP requests — RS256 with this installation's key,
     * its issuer, not expired — for the places a request filter does not reach (WebSocket messages, query
     * parameters). Any failure is simply "not a token".
     */
    public Optional<Bearer> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token.strip());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(keys.publicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            String tenant = claims.getStringClaim(TENANT_CLAIM);
            if (!issuer.equals(claims.getIssuer())
                    || expires == null
                    || expires.toInstant().isBefore(Instant.now())
                    || claims.getSubject() == null
                    || tenant == null
                    || tenant.isBlank()) {
                return Optional.empty();
            }
            List<String> roles = claims.getStringListClaim("groups");
            return Optional.of(new Bearer(
                    claims.getSubject(),
                    tenant,
                    roles == null ? List.of() : roles,
                    Optional.ofNullable(claims.getStringClaim(AGENT_CLAIM)),
                    expires.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public long lifetimeSeconds() {
        return ttl.toSeconds();
    }
}
