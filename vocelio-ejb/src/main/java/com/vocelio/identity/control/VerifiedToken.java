package com.vocelio.identity.control;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An access token whose signature, issuer and expiry were checked: the caller's principal for the rest of the
 * request, as MicroProfile JWT's {@link JsonWebToken} (so {@code @Inject JsonWebToken} and the role checks read it).
 * Claims are plain values: strings, string lists, and times in epoch seconds. {@link #NONE} is the anonymous caller.
 */
public final class VerifiedToken implements JsonWebToken {

    /** No token came with the request. */
    public static final VerifiedToken NONE = new VerifiedToken(null, Map.of());

    private final String raw;
    private final Map<String, Object> claims;

    VerifiedToken(String raw, Map<String, Object> claims) {
        this.raw = raw;
        this.claims = Map.copyOf(claims);
    }

    /** The claims as nimbus read them, with dates turned into epoch seconds as MicroProfile JWT reports them. */
    static VerifiedToken of(String raw, Map<String, Object> nimbusClaims) {
        var claims = new java.util.HashMap<String, Object>();
        nimbusClaims.forEach((name, value) -> {
            if (value != null) {
                claims.put(name, value instanceof Date date ? date.toInstant().getEpochSecond() : value);
            }
        });
        claims.put(Claims.raw_token.name(), raw);
        return new VerifiedToken(raw, claims);
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(getExpirationTime());
    }

    public Optional<String> agentId() {
        return Optional.ofNullable(getClaim(AccessTokens.AGENT_CLAIM));
    }

    public String tenantId() {
        return getClaim(AccessTokens.TENANT_CLAIM);
    }

    @Override
    public String getName() {
        Object upn = claims.get(Claims.upn.name());
        return upn != null ? upn.toString() : getSubject();
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }

    @Override
    public Set<String> getGroups() {
        return claims.get(Claims.groups.name()) instanceof List<?> groups
                ? new HashSet<>(groups.stream().map(Object::toString).toList())
                : Set.of();
    }

    @Override
    public long getExpirationTime() {
        return claims.get(Claims.exp.name()) instanceof Number exp ? exp.longValue() : 0;
    }

    @Override
    public String toString() {
        return "VerifiedToken[" + getSubject() + "]";
    }
}
