package com.vocelio.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * One refresh token of a login (a family). Usable once: using it rotates it (marks it used and issues the next of
 * the family). A used or revoked token presented again means it was stolen or replayed; the whole family dies,
 * unless it was used moments ago and its successor is still unused (see {@link #usedWithin}).
 * Only the SHA-256 of the token is kept.
 */
@Entity
@Table(name = "refresh_tokens")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = RefreshToken.BY_HASH, query = "select t from RefreshToken t where t.tokenHash = :hash")
@NamedQuery(
        name = RefreshToken.REVOKE_FAMILY,
        query = "update RefreshToken t set t.revokedAt = :now where t.familyId = :family and t.revokedAt is null")
@NamedQuery(
        name = RefreshToken.REVOKE_USER,
        query = "update RefreshToken t set t.revokedAt = :now where t.userId = :user and t.revokedAt is null")
public class RefreshToken {

    public static final String BY_HASH = "RefreshToken.byHash";
    public static final String REVOKE_FAMILY = "RefreshToken.revokeFamily";
    public static final String REVOKE_USER = "RefreshToken.revokeUser";

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(name = "user_id", nullable = false, columnDefinition = "uuid")
    private String userId;

    @Column(name = "family_id", nullable = false, columnDefinition = "uuid")
    private String familyId;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected RefreshToken() {}

    private RefreshToken(String userId, String familyId, String tokenHash, Duration lifetime, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.userId = userId;
        this.familyId = familyId;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = createdAt.plus(lifetime);
    }

    /** The first token of a new login. */
    public static RefreshToken firstOf(String userId, String tokenHash, Duration lifetime, OffsetDateTime now) {
        return new RefreshToken(userId, UUID.randomUUID().toString(), tokenHash, lifetime, now);
    }

    /** Marks this token used and returns its successor in the same family. */
    public RefreshToken rotate(String nextHash, Duration lifetime, OffsetDateTime now) {
        this.usedAt = now;
        return new RefreshToken(userId, familyId, nextHash, lifetime, now);
    }

    /** Unused, unrevoked and unexpired. */
    public boolean isUsable(OffsetDateTime now) {
        return usedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }

    /**
     * Used (not revoked) no longer ago than {@code grace}: presented again now, it is most likely the same client
     * refreshing from several requests at once rather than a thief.
     */
    public boolean usedWithin(Duration grace, OffsetDateTime now) {
        return revokedAt == null && usedAt != null && !usedAt.plus(grace).isBefore(now);
    }

    /** Presented after it was used or revoked: a replay. (Merely expired is not.) */
    public boolean isReplayed() {
        return usedAt != null || revokedAt != null;
    }

    public String id() {
        return id;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String userId() {
        return userId;
    }

    public String familyId() {
        return familyId;
    }
}
