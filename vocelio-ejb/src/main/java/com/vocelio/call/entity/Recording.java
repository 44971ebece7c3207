package com.vocelio.call.entity;

import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.control.Jsons;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A recording of a call, as its provider describes it: the provider's sid is its public id, its status moves from
 * {@code in-progress} to {@code completed} (or {@code absent}/{@code failed}, when nothing was recorded), and once
 * over it knows its length. The audio stays with the provider ({@code mediaUrl}); the simulator's is silence.
 * Becoming over is told once on the live feed ({@code recording_ready} or {@code recording_failed}).
 */
@Entity
@Table(name = "call_recordings")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = Recording.BY_SID, query = "select r from Recording r join fetch r.call where r.recordingSid = :sid")
@NamedQuery(
        name = Recording.OF_CALL,
        query = "select r from Recording r join fetch r.call where r.call = :call order by r.createdAt, r.recordingSid")
public class Recording {

    public static final String BY_SID = "Recording.bySid";
    public static final String OF_CALL = "Recording.ofCall";
    public static final String COMPLETED = "completed";

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "call_id", nullable = false)
    private Call call;

    @Column(name = "recording_sid", nullable = false, length = 64)
    private String recordingSid;

    @Column(nullable = false, length = 12)
    private String provider;

    @Column(nullable = false, length = 20)
    private String status;

    @Column(name = "duration_seconds")
    private Integer durationSeconds;

    @Column(nullable = false)
    private int channels = 1;

    @Column(name = "media_url", nullable = false, length = 2000)
    private String mediaUrl = "";

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Recording() {}

    public Recording(Call call, String recordingSid, String provider, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.call = call;
        this.recordingSid = recordingSid;
        this.provider = provider;
        this.status = "in-progress";
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * What the provider says of the recording now. Its first final status stands (a late {@code in-progress} or a
     * contradicting repeat changes nothing); what is told (length, channels, where the audio is) is kept, what is not stays as it was.
     */
    public void report(
            String statusTold,
            Integer durationTold,
            Integer channelsTold,
            String mediaUrlTold,
            OffsetDateTime startedTold,
            OffsetDateTime now) {
        boolean wasOver = over();
        if (statusTold != null && !wasOver) {
            this.status = statusTold;
        }
        if (durationTold != null) {
            this.durationSeconds = durationTold;
        }
        if (channelsTold != null) {
            this.channels = channelsTold;
        }
        if (mediaUrlTold != null && !mediaUrlTold.isBlank()) {
            this.mediaUrl = mediaUrlTold;
        }
        if (startedTold != null) {
            this.startedAt = startedTold;
        }
        this.updatedAt = now;
        if (!wasOver && over()) {
            announce();
        }
    }

    /**
     * Once, when the recording is over: {@code recording_ready} when there is audio to fetch, else
     * {@code recording_failed}, on the call's channel (so the call's own event stream, keyed by {@code call_id},
     * carries it too).
     */
    private void announce() {
        var payload = Jsons.objectBuilder()
                .add("call_id", call.callId())
                .add("call_sid", call.callId())
                .add("recording_id", recordingSid)
                .add("provider", provider)
                .add("status", status)
                .add("duration", durationSeconds == null ? 0 : durationSeconds)
                .add("channels", channels);
        if (startedAt != null) {
            payload.add("start_time", startedAt.toString());
        }
        DomainEvents.raise(DomainEvent.of(
                status.equals(COMPLETED) ? "recording_ready" : "recording_failed",
                DomainEvent.LIVE_CALL,
                payload.build()));
    }

    public boolean over() {
        return !status.equals("in-progress");
    }

    public String id() {
        return id;
    }

    public Call call() {
        return call;
    }

    public String recordingSid() {
        return recordingSid;
    }

    public String provider() {
        return provider;
    }

    public String status() {
        return status;
    }

    public Optional<Integer> durationSeconds() {
        return Optional.ofNullable(durationSeconds);
    }

    public int channels() {
        return channels;
    }

    public String mediaUrl() {
        return mediaUrl;
    }

    public Optional<OffsetDateTime> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
