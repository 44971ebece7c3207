package com.vocelio.identity.entity;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant: a company that runs its contact center on Vocelio. Its id is the {@code tenant_id} of every row it owns.
 * Keeps a non-blank name and a subdomain of 3–20 lower-case letters and digits (unique; the database enforces it).
 */
@Entity
@Table(name = "organizations")
public class Organization {

    public static final int NAME_MAX = 200;
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]{3,20}");

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false, length = 20)
    private String subdomain;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Organization() {}

    public Organization(String name, String subdomain) {
        if (name == null || name.isBlank() || name.strip().length() > NAME_MAX) {
            throw BusinessException.invalid("organization_name", "is required (at most " + NAME_MAX + " characters)");
        }
        if (subdomain == null || !SUBDOMAIN.matcher(subdomain).matches()) {
            throw BusinessException.invalid("subdomain", "must be 3-20 lower-case letters or digits");
        }
        this.id = UUID.randomUUID().toString();
        this.name = name.strip();
        this.subdomain = subdomain;
        this.createdAt = Checks.now();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String subdomain() {
        return subdomain;
    }
}
