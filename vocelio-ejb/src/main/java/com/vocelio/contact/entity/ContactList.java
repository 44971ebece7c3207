package com.vocelio.contact.entity;

import static com.vocelio.platform.control.Checks.optionalText;
import static com.vocelio.platform.control.Checks.requiredText;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.JsonStringList;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A named set of contacts a campaign dials. Its name is non-blank and unique per organization whatever its case (the
 * database enforces it too); its status is one of {@link #STATUSES}. Membership lives in
 * {@code contact_list_memberships}: a contact may be on many lists, once per list.
 */
@Entity
@Table(name = "contact_lists")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = ContactList.BY_NAME, query = "select l from ContactList l where lower(l.name) = lower(:name)")
public class ContactList {

    public static final String BY_NAME = "ContactList.byName";
    public static final int NAME_MAX = 200;
    public static final int DESCRIPTION_MAX = 2000;
    public static final Set<String> STATUSES = Set.of("active", "paused", "archived");

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false, length = DESCRIPTION_MAX)
    private String description = "";

    @Column(nullable = false, length = 20)
    private String status = "active";

    @Convert(converter = JsonStringList.class)
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<String> tags = new ArrayList<>();

    @Column(name = "created_by", columnDefinition = "uuid")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected ContactList() {}

    public ContactList(String name, String createdBy, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
        rename(name);
    }

    public void rename(String newName) {
        this.name = requiredText("name", newName, NAME_MAX);
    }

    public void describe(String newDescription) {
        this.description = optionalText("description", newDescription, DESCRIPTION_MAX);
    }

    public void changeStatus(String newStatus) {
        if (newStatus == null || !STATUSES.contains(newStatus.strip())) {
            throw BusinessException.invalid("status", "must be one of: active, paused, archived");
        }
        this.status = newStatus.strip();
    }

    public void retag(List<String> newTags) {
        var set = new LinkedHashSet<String>();
        for (String tag : newTags) {
            String trimmed = tag == null ? "" : tag.strip();
            if (trimmed.isEmpty() || trimmed.length() > Contact.TAG_MAX) {
                throw BusinessException.invalid(
                        "tags", "must be non-empty labels of at most " + Contact.TAG_MAX + " characters");
            }
            set.add(trimmed);
        }
        if (set.size() > Contact.TAGS_MAX) {
            throw BusinessException.invalid("tags", "must be at most " + Contact.TAGS_MAX + " tags");
        }
        this.tags = new ArrayList<>(set);
    }

    public void touch(OffsetDateTime now) {
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

    public String status() {
        return status;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public Optional<String> createdBy() {
        return Optional.ofNullable(createdBy);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
