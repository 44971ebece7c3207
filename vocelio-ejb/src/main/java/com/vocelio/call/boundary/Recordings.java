package com.vocelio.call.boundary;

import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.control.Providers;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.Recording;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The organization's call recordings: listed per call, read and deleted by the provider's sid (another
 * organization's do not exist here). Deleting removes the audio at the provider first, so a provider that refuses
 * leaves our row in place; the provider's recording callbacks arrive through {@link #reported}.
 */
@Stateless
@UnitOfWork
public class Recordings {

    /** Twilio's sids and the simulator's: letters and digits, nothing a path or a log would have to escape. */
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private static final Set<String> STATUSES = Set.of("in-progress", "completed", "absent", "failed");

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CallRegistry registry;

    @Inject
    Providers providers;

    @Inject
    Clock clock;

    public List<Recording> ofCall(String callSid) {
        Call call = em.createNamedQuery(Call.BY_CALL_ID, Call.class)
                .setParameter("callId", callSid == null ? "" : callSid.strip())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new UnknownCallException(callSid));
        return em.createNamedQuery(Recording.OF_CALL, Recording.class)
                .setParameter("call", call)
                .getResultList();
    }

    public Recording get(String recordingId) {
        return find(recordingId, false);
    }

    /** A completed recording's audio (WAV), fetched from its provider; one still recording or empty has none. */
    public InputStream audio(String recordingId) {
        Recording recording = find(recordingId, false);
        if (!recording.status().equals(Recording.COMPLETED)) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "recording_not_ready",
                    "Recording '" + recording.recordingSid() + "' is " + recording.status() + ": it has no audio");
        }
        return providers.of(recording.provider()).audio(recording);
    }

    /** Concurrent deletes take turns: the first deletes (at the provider too), the others find nothing. */
    public Recording delete(String recordingId) {
        Recording recording = find(recordingId, true);
        providers.of(recording.provider()).deleteRecording(recording);
        em.remove(recording);
        return recording;
    }

    /**
     * The provider tells of a recording of one of our calls (Twilio's recording status callback). Callbacks about one
     * call take turns on the call's lock, so a repeated one finds the row the first wrote; a status we do not know or
     * a call we do not have changes nothing.
     *
     * @return whether the recording was kept
     */
    public boolean reported(
            String provider,
            String callSid,
            String recordingSid,
            String status,
            Integer duration,
            Integer channels,
            String mediaUrl,
            OffsetDateTime started) {
        if (recordingSid == null
                || !SID.matcher(recordingSid).matches()
                || status == null
                || !STATUSES.contains(status)) {
            return false;
        }
        var call = registry.lock(callSid);
        if (call.isEmpty()) {
            return false;
        }
        var now = Clocks.now(clock);
        var recording = em.createNamedQuery(Recording.BY_SID, Recording.class)
                .setParameter("sid", recordingSid)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> {
                    var first = new Recording(call.get(), recordingSid, provider, now);
                    em.persist(first);
                    return first;
                });
        recording.report(status, duration, channels, mediaUrl, started, now);
        return true;
    }

    private Recording find(String recordingId, boolean lock) {
        if (recordingId == null || !SID.matcher(recordingId.strip()).matches()) {
            throw BusinessException.invalid("recording_id", "must be a recording sid (letters and digits)");
        }
        var query = em.createNamedQuery(Recording.BY_SID, Recording.class).setParameter("sid", recordingId.strip());
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream()
                .findFirst()
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.NOT_FOUND,
                        "recording_not_found",
                        "Recording '" + recordingId + "' not found"));
    }
}
