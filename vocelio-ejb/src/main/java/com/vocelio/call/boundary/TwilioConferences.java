package com.vocelio.call.boundary;

import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.call.entity.PhoneFlow;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * What Twilio tells us of a transfer's conference, in the organization of the call (the caller has checked the
 * signature): the caller's joining gives the conference's sid, which holding and muting them as a participant need,
 * and their leaving takes the conference off the call; when a conference transfer's conference is over for the
 * caller, the AI takes them back. The AI's own leg in the conference is {@link AiLegs}'.
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
}
