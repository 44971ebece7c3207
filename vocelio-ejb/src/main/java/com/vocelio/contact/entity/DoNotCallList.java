package com.vocelio.contact.entity;

import static com.vocelio.platform.control.Checks.optionalText;
import static com.vocelio.platform.control.Checks.requiredText;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A named set of numbers the organization must not call (a national registry extract, opt-outs, legal holds). Its
 * entries live in {@code dnc_entries}; a number on any of the organization's lists vetoes every outbound call to it.
 * Names are unique per organization whatever their case.
 */
@Entity
@Table(name = "dnc_lists")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = DoNotCallList.ALL, query = "select l from DoNotCallList l order by l.name, l.id")
@NamedQuery(name = DoNotCallList.BY_NAME, query = "select l from DoNotCallList l where lower(l.name) = lower(:name)")
public class DoNotCallList {

    public static final String ALL = "DoNotCallList.all";
    public static final String BY_NAME = "DoNotCallList.byName";
    public static final int NAME_MAX = 200;
    public static final int DESCRIPTION_MAX = 2000;

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false, length = DESCRIPTION_MAX)
    private String description = "";

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected DoNotCallList() {}

    public DoNotCallList(String name, String description, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.name = requiredText("name", name, NAME_MAX);
        this.description = optionalText("description", description, DESCRIPTION_MAX);
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
