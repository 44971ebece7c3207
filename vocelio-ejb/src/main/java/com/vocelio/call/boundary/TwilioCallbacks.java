package com.vocelio.call.boundary;

import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.PhoneFlow;
import com.vocelio.call.entity.TelephonyStatus;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * What Twilio tells us, in the organization the call or number belongs to (the caller has checked Twilio's
 * signature and found the organization): status callbacks move the call forward only (duplicates and late arrivals
 * change nothing), and an inbound call to one of our numbers starts its record and is answered with its flow.
 */
@Stateless
@UnitOfWork
public class TwilioCallbacks {

    @Inject
    CallRegistry registry;

    @Inject
    PhoneFlows flows;

    @Inject
    Clock clock;

    /**
     * @return the call as it stands after the callback, or empty when the status is not one of Twilio's (which the
     *     callback's sender should not retry either)
     */
    public Optional<Call> status(String callSid, String status, String callDuration, String price) {
        var told = TelephonyStatus.parse(status);
        var call = registry.lock(callSid);
        if (told.isEmpty() || call.isEmpty()) {
            return call;
        }
        call.get()
                .reportStatus(
                        told.get(),
                        TwilioTelephony.seconds(callDuration),
                        TwilioTelephony.price(price),
                        Clocks.now(clock));
        return call;
    }

    /** Starts the record of an inbound call (once, however often Twilio asks) and says what its flow answers. */
    public String answer(String callSid, String from, String to) {
        Optional<PhoneFlow> flow = flows.find(to);
        if (flow.isEmpty()) {
            return Twiml.response()
                    .say("This number is not in service.", null)
                    .hangup()
                    .toString();
        }
        var locked = registry.lockOrStart(callSid, from);
        if (locked.started()) {
            locked.call().announceStart(Clocks.now(clock));
            locked.call().answeredByFlow(TwilioTelephony.NAME, to, flow.get().flowId(), Clocks.now(clock));
        }
        var twiml = Twiml.response().say(flow.get().greeting(), flow.get().voice());
        return (flow.get().webhookUrl().isEmpty()
                        ? twiml.pause(60)
                        : twiml.redirect(flow.get().webhookUrl()))
                .toString();
    }
}
