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
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues and verifies the RS256 access tokens: {@code sub} the user id, {@code upn} the email,
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
    Clock clock;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "vocelio.auth.access-token-ttl", defaultValue = "PT15M")
    Duration ttl;

    @Inject
    AccessRevocations revocations;

    private static final int MAX_REMEMBERED = 20_000;
    private final ConcurrentHashMap<String, VerifiedToken> verified = new ConcurrentHashMap<>();
    private RSASSAVerifier verifier;

    @PostConstruct
    void keyOnce() {
        verifier = new RSASSAVerifier(keys.publicKey());
    }

    public String issue(User user, Organization organization) {
        return issue(user, organization, clock.instant(), UUID.randomUUID().toString());
    }

    /**
     * The same user, organization, time and id give the same token, byte for byte (RS256 signatures are
     * deterministic): a refresh repeated within its grace period gets exactly the pair the first one got.
     */
    public String issue(User user, Organization organization, Instant issuedAt, String jwtId) {
        Instant now = Instant.ofEpochSecond(
                revocations.earliestIssue(user.id(), issuedAt).getEpochSecond());
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

    /**
     * Verifies an access token — RS256 with this installation's key, its issuer, not expired, a subject and an
     * organization — for every way a token arrives (the Authorization header, WebSocket messages, query parameters).
     * Any failure is simply "not a token". A token verified once is remembered until it expires, so the RSA check
     * runs once per token, not once per request; what may change after issue (a user deactivated, deleted, demoted)
     * is checked on every use against this node's {@link AccessRevocations}.
     */
    public Optional<VerifiedToken> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String raw = token.strip();
        VerifiedToken known = verified.get(raw);
        if (known == null) {
            known = check(raw).orElse(null);
            if (known == null) {
                return Optional.empty();
            }
            remember(raw, known);
        }
        return known.expiresAt().isAfter(clock.instant()) && !revocations.revoked(known)
                ? Optional.of(known)
                : Optional.empty();
    }

    private Optional<VerifiedToken> check(String raw) {
        try {
            SignedJWT jwt = SignedJWT.parse(raw);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            String tenant = claims.getStringClaim(TENANT_CLAIM);
            if (!issuer.equals(claims.getIssuer())
                    || expires == null
                    || expires.toInstant().isBefore(clock.instant())
                    || claims.getSubject() == null
                    || tenant == null
                    || tenant.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(VerifiedToken.of(raw, claims.getClaims()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Bounded: when full, the expired go first, and if that is not enough everything does (it is only a cache). */
    private void remember(String raw, VerifiedToken token) {
        if (verified.size() >= MAX_REMEMBERED) {
            Instant now = clock.instant();
            verified.values().removeIf(known -> !known.expiresAt().isAfter(now));
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
        }
        verified.put(raw, token);
    }

    public long lifetimeSeconds() {
        return ttl.toSeconds();
    }
}
