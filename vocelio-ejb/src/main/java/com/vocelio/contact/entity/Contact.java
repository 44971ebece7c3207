package com.vocelio.contact.entity;

import static com.vocelio.platform.control.Checks.optionalText;

import com.vocelio.event.entity.DomainEvent;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.JsonStringList;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.control.TimeOrderedIds;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A person the organization calls, known by one phone number in E.164: the database keeps one contact per phone per
 * organization ({@code contacts_tenant_phone_uq}), so an import or a create meets the existing contact instead of
 * duplicating it. Keeps its e-mail address well-formed or empty, its texts within their columns and never null (the
 * portal calls string methods on them), its tags as a set of at most {@value #TAGS_MAX} short labels, and its custom
 * fields as one JSON object.
 */
@Entity
@Table(name = "contacts")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = Contact.BY_PHONE, query = "select c from Contact c where c.phone = :phone")
public class Contact {

    public static final String BY_PHONE = "Contact.byPhone";

    /** The live event of every change to a contact (the guide's socket), on the {@value #CHANNEL} channel. */
    public static final String UPDATED = "contact_updated";

    public static final String CHANNEL = "contacts";

    public static final int NAME_MAX = 100;
    public static final int EMAIL_MAX = 254;
    public static final int TEXT_MAX = 200;
    public static final int ADDRESS_MAX = 500;
    public static final int ZIP_MAX = 20;
    public static final int SOURCE_MAX = 40;
    public static final int NOTES_MAX = 4000;
    public static final int TAG_MAX = 50;
    public static final int TAGS_MAX = 50;
    public static final int CUSTOM_FIELDS_MAX = 16_000;
    public static final Set<String> STATUSES = Set.of("active", "inactive");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(nullable = false, length = 20)
    private String phone;

    @Column(name = "phone_type", nullable = false, length = 20)
    private String phoneType;

    @Column(name = "first_name", nullable = false, length = NAME_MAX)
    private String firstName = "";

    @Column(name = "last_name", nullable = false, length = NAME_MAX)
    private String lastName = "";

    @Column(nullable = false, length = EMAIL_MAX)
    private String email = "";

    @Column(nullable = false, length = TEXT_MAX)
    private String company = "";

    @Column(nullable = false, length = TEXT_MAX)
    private String title = "";

    @Column(nullable = false, length = ADDRESS_MAX)
    private String address = "";

    @Column(nullable = false, length = NAME_MAX)
    private String city = "";

    @Column(nullable = false, length = NAME_MAX)
    private String state = "";

    @Column(nullable = false, length = ZIP_MAX)
    private String zip = "";

    @Column(nullable = false, length = NAME_MAX)
    private String country = "";

    @Column(nullable = false, length = 20)
    private String status = "active";

    @Column(nullable = false, length = SOURCE_MAX)
    private String source = "manual";

    @Column(nullable = false, length = NOTES_MAX)
    private String notes = "";

    @Convert(converter = JsonStringList.class)
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<String> tags = new ArrayList<>();

    @Column(name = "custom_fields", nullable = false, columnDefinition = "jsonb")
    private String customFields = "{}";

    @Column(name = "last_contact_date")
    private OffsetDateTime lastContactDate;

    @Column(name = "contact_count", nullable = false)
    private int contactCount;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Contact() {}

    public Contact(String phoneE164, PhoneType type, OffsetDateTime now) {
        this.id = TimeOrderedIds.at(now.toInstant()); // an import's batch lands on a few index pages
        this.createdAt = now;
        this.updatedAt = now;
        changePhone(phoneE164, type);
    }

    public void changePhone(String e164, PhoneType type) {
        if (e164 == null || !e164.startsWith("+") || e164.length() > 16) {
            throw BusinessException.invalid("phone", "must be a phone number");
        }
        this.phone = e164;
        this.phoneType = type.wireName();
    }

    public void rename(String first, String last) {
        if (first != null) {
            this.firstName = optionalText("firstName", first, NAME_MAX);
        }
        if (last != null) {
            this.lastName = optionalText("lastName", last, NAME_MAX);
        }
    }

    /** An empty address clears it; anything else must look like {@code name@domain.tld}. */
    public void changeEmail(String newEmail) {
        String trimmed = optionalText("email", newEmail, EMAIL_MAX);
        if (!trimmed.isEmpty() && !EMAIL.matcher(trimmed).matches()) {
            throw BusinessException.invalid("email", "must be an e-mail address such as name@example.com");
        }
        this.email = trimmed;
    }

    /** Where and for whom the person works; a null leaves a field as it is. */
    public void describe(String company, String title, String notes) {
        if (company != null) {
            this.company = optionalText("company", company, TEXT_MAX);
        }
        if (title != null) {
            this.title = optionalText("title", title, TEXT_MAX);
        }
        if (notes != null) {
            this.notes = optionalText("notes", notes, NOTES_MAX);
        }
    }

    /** The postal address; a null leaves a part as it is. */
    public void locate(String address, String city, String state, String zip, String country) {
        if (address != null) {
            this.address = optionalText("address", address, ADDRESS_MAX);
        }
        if (city != null) {
            this.city = optionalText("city", city, NAME_MAX);
        }
        if (state != null) {
            this.state = optionalText("state", state, NAME_MAX);
        }
        if (zip != null) {
            this.zip = optionalText("zip", zip, ZIP_MAX);
        }
        if (country != null) {
            this.country = optionalText("country", country, NAME_MAX);
        }
    }

    public void changeStatus(String newStatus) {
        if (newStatus == null || !STATUSES.contains(newStatus.strip())) {
            throw BusinessException.invalid("status", "must be one of: active, inactive");
        }
        this.status = newStatus.strip();
    }

    public void cameFrom(String newSource) {
        String text = optionalText("source", newSource, SOURCE_MAX);
        this.source = text.isEmpty() ? "manual" : text;
    }

    /** Replaces the tags: trimmed, without duplicates, in the order given. */
    public void retag(List<String> newTags) {
        this.tags = new ArrayList<>(tagSet(newTags));
    }

    /** Adds tags not there yet (a merge never loses a label). */
    public void addTags(List<String> more) {
        var all = new LinkedHashSet<>(tags);
        all.addAll(tagSet(more));
        if (all.size() > TAGS_MAX) {
            throw BusinessException.invalid("tags", "must be at most " + TAGS_MAX + " tags");
        }
        this.tags = new ArrayList<>(all);
    }

    /** Replaces the custom fields with this object. */
    public void changeCustomFields(JsonObject fields) {
        String json = fields.toString();
        if (json.length() > CUSTOM_FIELDS_MAX) {
            throw BusinessException.invalid("customFields", "must be at most " + CUSTOM_FIELDS_MAX + " characters");
        }
        this.customFields = json;
    }

    /** Adds or overwrites the given custom fields, keeping the others (what a merge does). */
    public void mergeCustomFields(JsonObject fields) {
        var merged = Jsons.objectBuilder(customFields());
        fields.forEach(merged::add);
        changeCustomFields(merged.build());
    }

    public void touch(OffsetDateTime now) {
        this.updatedAt = now;
    }

    private static LinkedHashSet<String> tagSet(List<String> given) {
        var set = new LinkedHashSet<String>();
        for (String tag : given) {
            String trimmed = tag == null ? "" : tag.strip();
            if (trimmed.isEmpty() || trimmed.length() > TAG_MAX) {
                throw BusinessException.invalid(
                        "tags", "must be non-empty labels of at most " + TAG_MAX + " characters");
            }
            set.add(trimmed);
        }
        if (set.size() > TAGS_MAX) {
            throw BusinessException.invalid("tags", "must be at most " + TAGS_MAX + " tags");
        }
        return set;
    }

    /** The fields a person edits, as the guide names them: what a {@code contact_updated} event compares. */
    public JsonObject snapshot() {
        var tagArray = Jsons.arrayBuilder();
        tags().forEach(tagArray::add);
        return Jsons.objectBuilder()
                .add("phone", phone)
                .add("phoneType", phoneType)
                .add("firstName", firstName)
                .add("lastName", lastName)
                .add("email", email)
                .add("company", company)
                .add("title", title)
                .add("address", address)
                .add("city", city)
                .add("state", state)
                .add("zip", zip)
                .add("country", country)
                .add("status", status)
                .add("notes", notes)
                .add("tags", tagArray)
                .add("customFields", customFields())
                .build();
    }

    /**
     * {@code contact_updated} as the guide's socket sends it ({@code contactId, changes, updatedBy}), with {@code
     * action} ({@code created}, {@code updated}, {@code deleted}); {@code changes} holds the new value of each field
     * that differs from {@code before} (every field on a create, none on a delete). {@code listIds} names the lists
     * the contact is on (was on, for a delete): what a subscriber's {@code filters:{listId}} is matched against.
     */
    public DomainEvent changed(String action, JsonObject before, String updatedBy, Collection<String> listIds) {
        var after = action.equals("deleted") ? JsonObject.EMPTY_JSON_OBJECT : snapshot();
        var changes = Jsons.objectBuilder();
        after.forEach((field, value) -> {
            if (!value.equals(before.get(field))) {
                changes.add(field, value);
            }
        });
        var payload =
                Jsons.objectBuilder().add("contactId", id).add("action", action).add("changes", changes);
        return DomainEvent.of(UPDATED, CHANNEL, signed(payload, updatedBy, listIds));
    }

    /**
     * One {@code contact_updated} for a change to many contacts rather than thousands: a bulk operation ({@code
     * add-tags}, {@code remove-tags}, {@code move-to-list}, {@code delete}) or a change of who is on a list ({@code
     * added-to-list}, {@code removed-from-list}, {@code list-deleted}, {@code scrubbed}). {@code contactIds} names
     * every contact it changed, {@code listIds} every list whose members it touched.
     */
    public static DomainEvent changedInBulk(
            String action,
            Collection<String> contactIds,
            JsonObject changes,
            String updatedBy,
            Collection<String> listIds) {
        var ids = Jsons.arrayBuilder();
        contactIds.forEach(ids::add);
        var payload = Jsons.objectBuilder()
                .add("contactIds", ids)
                .add("action", action)
                .add("bulk", true)
                .add("changes", changes);
        return DomainEvent.of(UPDATED, CHANNEL, signed(payload, updatedBy, listIds));
    }

    private static JsonObject signed(JsonObjectBuilder payload, String updatedBy, Collection<String> listIds) {
        if (updatedBy == null) {
            payload.addNull("updatedBy");
        } else {
            payload.add("updatedBy", updatedBy);
        }
        var lists = Jsons.arrayBuilder();
        new TreeSet<>(listIds).forEach(lists::add);
        return payload.add("listIds", lists).build();
    }

    public String id() {
        return id;
    }

    public String phone() {
        return phone;
    }

    public String phoneType() {
        return phoneType;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String email() {
        return email;
    }

    public String company() {
        return company;
    }

    public String title() {
        return title;
    }

    public String address() {
        return address;
    }

    public String city() {
        return city;
    }

    public String state() {
        return state;
    }

    public String zip() {
        return zip;
    }

    public String country() {
        return country;
    }

    public String status() {
        return status;
    }

    public String source() {
        return source;
    }

    public String notes() {
        return notes;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public JsonObject customFields() {
        try (var reader = Jsons.reader(customFields)) {
            return reader.readObject();
        }
    }

    public Optional<OffsetDateTime> lastContactDate() {
        return Optional.ofNullable(lastContactDate);
    }

    public int contactCount() {
        return contactCount;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
