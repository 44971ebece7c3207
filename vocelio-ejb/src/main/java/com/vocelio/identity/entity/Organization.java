package com.vocelio.identity.entity;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant: a company that runs its contact center on Vocelio. Its id is the {@code tenant_id} of every row it owns.
 * Keeps a non-blank name and a subdomain of 3–20 lower-case letters and digits (unique; the database enforces it),
 * and its account settings: a valid time zone and language.
 */
@Entity
@Table(name = "organizations")
public class Organization {

    public static final int NAME_MAX = 200;
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]{3,20}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+){0,2}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false, length = 20)
    private String subdomain;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(nullable = false, length = 64)
    private String timezone = "UTC";

    @Column(nullable = false, length = 35)
    private String language = "en-US";

    @Version
    private long version;

    protected Organization() {}

    public Organization(String name, String subdomain, OffsetDateTime now) {
        if (name == null || name.isBlank() || name.strip().length() > NAME_MAX) {
            throw BusinessException.invalid("organization_name", "is required (at most " + NAME_MAX + " characters)");
        }
        if (subdomain == null || !SUBDOMAIN.matcher(subdomain).matches()) {
            throw BusinessException.invalid("subdomain", "must be 3-20 lower-case letters or digits");
        }
        this.id = UUID.randomUUID().toString();
        this.name = name.strip();
        this.subdomain = subdomain;
        this.createdAt = now;
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

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    /** The zone the organization's days and weeks are counted in. */
    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    public String language() {
        return language;
    }

    /**
     * Changes the account settings that are given (null leaves one as it is). The time zone must be an IANA name
     * ({@code Europe/Berlin}), the language a BCP 47 tag ({@code en-US}).
     */
    public void changeSettings(String newName, String newTimezone, String newLanguage) {
        if (newName != null) {
            if (newName.isBlank() || newName.strip().length() > NAME_MAX) {
                throw BusinessException.invalid("organization_name", "must be 1-" + NAME_MAX + " characters");
            }
            this.name = newName.strip();
        }
        if (newTimezone != null) {
            this.timezone = zoneName(newTimezone.strip());
        }
        if (newLanguage != null) {
            if (!LANGUAGE.matcher(newLanguage.strip()).matches()) {
                throw BusinessException.invalid("language", "must be a language tag such as en-US");
            }
            this.language = newLanguage.strip();
        }
    }

    private static String zoneName(String candidate) {
        if (!ZONE.matcher(candidate).matches()) {
            throw BusinessException.invalid("timezone", "must be a time zone name such as Europe/Berlin or UTC");
        }
        try {
            return ZoneId.of(candidate).getId();
        } catch (DateTimeException unknown) {
            throw BusinessException.invalid("timezone", "must be a time zone name such as Europe/Berlin or UTC");
        }
    }
}
