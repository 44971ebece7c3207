package com.vocelio.contact.entity;

import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A CSV file of contacts being imported: {@code pending} until a node takes it, {@code processing} while it runs
 * (progress 0–99), then {@code completed} with its results and the rows it refused (by line), or {@code failed}.
 * The upload itself ({@code contact_import_chunks}) is not mapped: it is written and read once, a chunk at a time,
 * and never travels with the job's status.
 */
@Entity
@Table(name = "contact_imports")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
public class ContactImport {

    public static final String IMPORT_PROGRESS = "import_progress";
    public static final int MAX_ERRORS = 1000;

    /** What a run counted; {@code totalRows = validContacts + invalidContacts + in-file duplicates}. */
    public record Results(
            int totalRows, int validContacts, int invalidContacts, int duplicates, int imported, int skipped) {}

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(name = "list_id", columnDefinition = "uuid")
    private String listId;

    @Column(nullable = false, length = 255)
    private String filename;

    @Column(name = "file_size", nullable = false)
    private long fileSize;

    @Column(nullable = false, columnDefinition = "jsonb")
    private String options = "{}";

    @Column(nullable = false, length = 20)
    private String status = "pending";

    @Column(nullable = false)
    private int progress;

    @Column(name = "total_rows", nullable = false)
    private int totalRows;

    @Column(name = "valid_contacts", nullable = false)
    private int validContacts;

    @Column(name = "invalid_contacts", nullable = false)
    private int invalidContacts;

    @Column(nullable = false)
    private int duplicates;

    @Column(nullable = false)
    private int imported;

    @Column(nullable = false)
    private int skipped;

    @Column(name = "validation_errors", nullable = false, columnDefinition = "jsonb")
    private String validationErrors = "[]";

    @Column(nullable = false, length = 1000)
    private String failure = "";

    @Column(name = "rows_done", nullable = false)
    private long rowsDone;

    @Column(name = "heartbeat_at")
    private OffsetDateTime heartbeatAt;

    @Column(name = "created_by", columnDefinition = "uuid")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Version
    private long version;

    protected ContactImport() {}

    public ContactImport(
            String filename, long fileSize, String listId, JsonObject options, String createdBy, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.filename = filename.length() > 255 ? filename.substring(0, 255) : filename;
        this.fileSize = fileSize;
        this.listId = listId;
        this.options = options.toString();
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** The whole upload is stored: its size, known only once it is read to the end. */
    public void uploaded(long fileSize) {
        this.fileSize = fileSize;
    }

    /** What one batch of a run did, added to the job's counters. */
    public record Step(int rows, int valid, int invalid, int inFileDuplicates, int created, int existing) {}

    /**
     * One batch is in: counters, the rows it refused (the first {@value #MAX_ERRORS} are kept), the checkpoint, the
     * progress (below 100 until {@link #complete}), and an {@code import_progress} event in the same commit.
     */
    public void advance(Step step, boolean merged, JsonArray refused, long rowsDone, int progress, OffsetDateTime now) {
        this.totalRows += step.rows();
        this.validContacts += step.valid();
        this.invalidContacts += step.invalid();
        this.duplicates += step.inFileDuplicates() + step.existing();
        this.imported += step.created() + (merged ? step.existing() : 0);
        this.skipped += step.inFileDuplicates() + (merged ? 0 : step.existing());
        if (!refused.isEmpty()) {
            var kept = validationErrors();
            var all = Jsons.arrayBuilder();
            kept.forEach(all::add);
            int errors = kept.size();
            for (var error : refused) {
                if (errors++ < MAX_ERRORS) {
                    all.add(error);
                }
            }
            this.validationErrors = all.build().toString();
        }
        this.rowsDone = rowsDone;
        this.progress = Math.max(this.progress, Math.min(99, progress));
        this.heartbeatAt = now;
        DomainEvents.raise(progressEvent());
    }

    public void complete(OffsetDateTime now) {
        this.status = "completed";
        this.progress = 100;
        this.completedAt = now;
        this.heartbeatAt = now;
        DomainEvents.raise(progressEvent());
    }

    /** A run stopped on a failure that may pass (the database away): the job waits for the next run to resume it. */
    public void stall(String reason) {
        this.failure = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    /** The file cannot be imported (a failure that would only happen again): the job ends here. */
    public void fail(String reason, OffsetDateTime now) {
        this.status = "failed";
        this.failure = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        this.completedAt = now;
        DomainEvents.raise(progressEvent());
    }

    /** {@code import_progress} as the guide's socket sends it: {@code jobId, progress, processed, total, errors}. */
    public DomainEvent progressEvent() {
        return DomainEvent.of(
                IMPORT_PROGRESS,
                IMPORT_PROGRESS,
                Jsons.objectBuilder()
                        .add("jobId", id)
                        .add("status", status)
                        .add("progress", progress)
                        .add("processed", totalRows)
                        .add("total", totalRows)
                        .add("errors", invalidContacts)
                        .build());
    }

    public String id() {
        return id;
    }

    public Optional<String> listId() {
        return Optional.ofNullable(listId);
    }

    public String filename() {
        return filename;
    }

    public long fileSize() {
        return fileSize;
    }

    public JsonObject options() {
        try (var reader = Jsons.reader(options)) {
            return reader.readObject();
        }
    }

    public String status() {
        return status;
    }

    public int progress() {
        return progress;
    }

    public Results results() {
        return new Results(totalRows, validContacts, invalidContacts, duplicates, imported, skipped);
    }

    public JsonArray validationErrors() {
        try (var reader = Jsons.reader(validationErrors)) {
            return reader.readArray();
        }
    }

    public long rowsDone() {
        return rowsDone;
    }

    /** Whether no run has moved it since {@code before}: pending or processing, and nobody beating. */
    public boolean isStale(OffsetDateTime before) {
        OffsetDateTime last = heartbeatAt != null ? heartbeatAt : createdAt;
        return !isFinished() && last.isBefore(before);
    }

    public boolean isFinished() {
        return status.equals("completed") || status.equals("failed");
    }

    public String failure() {
        return failure;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public Optional<OffsetDateTime> completedAt() {
        return Optional.ofNullable(completedAt);
    }
}
