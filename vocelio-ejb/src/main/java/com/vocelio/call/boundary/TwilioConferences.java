package com.vocelio.call.boundary;

import com.vocelio.call.control.AiLegMedia;
import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.control.TwilioSettings;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.call.entity.PhoneFlow;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What Twilio tells us of a transfer's conference, in the organization of the call (the caller has checked the
 * signature): the caller's joining gives the conference's sid, which holding and muting them as a participant need,
 * and their leaving takes the conference off the call; when a conference transfer's conference is over for the
 * caller, the AI takes them back. The AI's own leg in the conference streams its voice over our media socket
 * ({@link AiLegMedia}): its TwiML, and the stream's start and stop, which the live feed hears of.
 */
@Stateless
@UnitOfWork
public class TwilioConferences {

    @Inject
    CallRegistry registry;

    @Inject
    PhoneFlows flows;

    @Inject
    Clock clock;

    @Inject
    TwilioSettings settings;

    @Inject
    AiLegMedia media;

    /**
     * Twilio says who joined or left a transfer's conference: our caller joining tells us the conference's sid
     * (what holding and muting them there needs); our caller leaving takes the conference off the call.
     */
    public void conference(String callSid, String event, String conferenceName, String conferenceSid) {
        var call = registry.lock(callSid);
        if (call.isEmpty() || conferenceName == null || conferenceSid == null) {
            return;
        }
        if ("participant-join".equals(event)) {
            call.get().joinedConference(conferenceName, conferenceSid, Clocks.now(clock));
        } else if ("participant-leave".equals(event)) {
            call.get().leftConference(conferenceName, Clocks.now(clock));
        }
    }

    /**
     * A conference transfer is over for the caller (the agent left): the AI takes them back, with the call's own
     * script (outbound) or its flow (inbound).
     */
    public String afterConference(String callSid) {
        var call = registry.lock(callSid);
        if (call.isEmpty() || !call.get().onTheLine()) {
            return Twiml.response().hangup().toString();
        }
        var now = Clocks.now(clock);
        call.get().leftConference(call.get().conferenceName(), now);
        var flow = "inbound".equals(call.get().direction())
                ? flows.find(call.get().calledNumber())
                : Optional.<PhoneFlow>empty();
        return flow.isPresent()
                ? TwilioCallbacks.resume(Twiml.response(), flow.get()).toString()
                : TwilioTelephony.script(call.get().message(), call.get().voiceId());
    }

    /**
     * Twilio asks what the AI's leg {@code legSid} in the caller's conference does: it streams both ways to our media
     * socket, with a token that lets only this leg of this call in, for a short while. A leg for a call that is over,
     * no longer in a conference, or that has another AI leg hangs up.
     */
    public String aiLeg(String callerSid, String legSid) {
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

    /** @return whether the leg may stream now (its call is live and in the conference, and it is the AI's leg) */
    public boolean aiStreaming(AiLegMedia.Grant grant, String streamSid) {
        var call = registry.lock(grant.callSid());
        if (call.isEmpty() || !call.get().acceptsAiLeg(grant.legSid())) {
            return false;
        }
        call.get().aiStream("ai_leg_streaming", grant.legSid(), streamSid, Clocks.now(clock));
        return true;
    }

    /** The AI leg's stream is over: Twilio hangs the leg up after it, so the call has no AI leg any more. */
    public void aiStreamStopped(AiLegMedia.Grant grant, String streamSid) {
        registry.lock(grant.callSid()).ifPresent(call -> {
            var now = Clocks.now(clock);
            call.aiStream("ai_leg_stream_stopped", grant.legSid(), streamSid, now);
            call.aiLeaves(grant.legSid(), now);
        });
    }
}
