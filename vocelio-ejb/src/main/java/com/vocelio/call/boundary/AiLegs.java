package com.vocelio.call.boundary;

import com.vocelio.call.control.AiLegMedia;
import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.control.TwilioSettings;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.call.entity.Call;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The AI's own leg in a transfer's conference on Twilio, in the organization of the call: its TwiML (a media stream
 * to our socket), the stream's start and stop, and its hand-off. The leg joins without starting the conference, so
 * the caller hears the hold music until the agent's leg starts it; that start cues the AI's line, on whichever node
 * holds the leg's stream (the cue travels on the outbox like every event). A warm transfer's AI then leaves: when its
 * stream echoes the mark sent after the line (the line has been played), or, should that never come, when the sweep
 * finds the leg overdue ({@code vocelio.telephony.ai-leg-leave-timeout} after the cue). Should the start never be
 * reported, the sweep cues the line itself once the agent's briefing has surely been spoken.
 */
@Stateless
@UnitOfWork
public class AiLegs {

    private static final Logger LOG = Logger.getLogger(AiLegs.class.getName());

    static final int BATCH = 200;

    /** How soon the sweep tries again to hang up a leg Twilio failed to hang up. */
    static final Duration RETRY = Duration.ofSeconds(5);

    @Inject
    CallRegistry registry;

    @Inject
    CurrentTenant tenant;

    @Inject
    Clock clock;

    @Inject
    TwilioSettings settings;

    @Inject
    TwilioTelephony twilio;

    @Inject
    AiLegMedia media;

    /** What a started stream does now: it is refused, waits for its cue, or speaks at once (the cue came first). */
    public enum State {
        REFUSED,
        WAIT,
        SPEAK
    }

    /** @param line what the AI says now ({@link State#SPEAK}; "" otherwise) */
    public record Stream(State state, String line) {

        public static final Stream REFUSED = new Stream(State.REFUSED, "");
    }

    /**
     * Twilio asks what the AI's leg {@code legSid} in the caller's conference does: it streams both ways to our media
     * socket, with a token that lets only this leg of this call in, for a short while. A leg for a call that is over,
     * no longer in a conference, or that has another AI leg hangs up.
     */
    public String twiml(String callerSid, String legSid) {
        var call = registry.lock(callerSid);
        var url = settings.mediaStreamUrl();
        if (call.isEmpty()
                || legSid == null
                || legSid.isBlank()
                || url.isEmpty()
                || !call.get().acceptsAiLeg(legSid)) {
            return Twiml.response().hangup().toString();
        }
        String token = media.token(callerSid, legSid, clock.instant());
        return Twiml.response().connectStream(url.get(), Map.of("token", token)).toString();
    }

    /** The leg's stream started: whether it may stream, and whether its line is due already. */
    public Stream streaming(AiLegMedia.Grant grant, String streamSid) {
        var call = registry.lock(grant.callSid());
        if (call.isEmpty() || !call.get().acceptsAiLeg(grant.legSid())) {
            return Stream.REFUSED;
        }
        call.get().aiStream("ai_leg_streaming", grant.legSid(), streamSid, Clocks.now(clock));
        return call.get().aiLineDue(grant.legSid())
                ? new Stream(State.SPEAK, call.get().aiLegLine())
                : new Stream(State.WAIT, "");
    }

    /** The AI leg's stream is over: Twilio hangs the leg up after it, so the call has no AI leg any more. */
    public void stopped(AiLegMedia.Grant grant, String streamSid) {
        registry.lock(grant.callSid()).ifPresent(call -> {
            var now = Clocks.now(clock);
            call.aiStream("ai_leg_stream_stopped", grant.legSid(), streamSid, now);
            call.aiLeaves(grant.legSid(), now);
        });
    }

    /**
     * Twilio says the conference {@code name} started: the agent's leg joined it, after its briefing. The AI in it
     * is cued to speak its line (once).
     */
    public void conferenceStarted(String name) {
        registry.lockInConference(name).ifPresent(call -> call.aiCued(Clocks.now(clock), media.leaveTimeout()));
    }

    /** The leg's stream echoed the mark after the line: the line has been played, and a warm transfer's AI leaves. */
    public void lineSpoken(AiLegMedia.Grant grant) {
        registry.lock(grant.callSid())
                .filter(call -> call.aiLeavesAfterLine(grant.legSid()))
                .ifPresent(call -> leave(call, "line_spoken"));
    }

    /**
     * The AI legs overdue for the sweep (rows taken with SKIP LOCKED: nodes share the work): a leg whose line was due
     * but never cued (Twilio's conference-start never reached us) is cued now; a leaving one whose line's end was
     * never heard of in time is hung up; one whose call or conference is over already went with it.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int overdue() {
        var due = registry.due(
                TwilioTelephony.NAME,
                "ai_leg_leave_at <= now() or ai_leg_cue_by <= now()",
                "least(ai_leg_leave_at, ai_leg_cue_by)",
                BATCH);
        var now = Clocks.now(clock);
        for (var call : due) {
            if (!call.status().isLive() || call.conferenceName().isEmpty()) {
                call.aiLeaves(call.aiLegSid(), now);
            } else if (call.aiCueOverdue(now)) {
                LOG.warning("No word that conference " + call.conferenceName()
                        + " started reached us in time: the AI's line is cued on call " + call.callId());
                call.aiCued(now, media.leaveTimeout());
            } else {
                leave(call, "timeout");
            }
        }
        return due.size();
    }

    private void leave(Call call, String reason) {
        if (!twilio.aiLeaves(call, reason)) {
            call.aiLeaveRetry(Clocks.now(clock).plus(RETRY));
        }
    }
}
