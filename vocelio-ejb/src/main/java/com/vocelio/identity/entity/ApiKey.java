package com.vocelio.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A machine credential of a {@code service} user (an AI voice agent). Shown once when created; only its SHA-256 and
 * a short prefix (to recognise it in listings) are kept. Revoked keys stay for the record.
 */
@Entity
@Table(name = "api_keys")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = ApiKey.BY_HASH, query = "select k from ApiKey k where k.keyHash = :hash and k.revokedAt is null")
public class ApiKey {

    public static final String BY_HASH = "ApiKey.byHash";

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(name = "user_id", nullable = false, columnDefinition = "uuid")
    private String userId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 16)
    private String prefix;

    @Column(name = "key_hash", nullable = false, length = 64)
    private String keyHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected ApiKey() {}

    public ApiKey(String userId, String name, String key, String keyHash, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.userId = userId;
        this.name = name;
        this.prefix = key.substring(0, Math.min(12, key.length()));
        this.keyHash = keyHash;
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
