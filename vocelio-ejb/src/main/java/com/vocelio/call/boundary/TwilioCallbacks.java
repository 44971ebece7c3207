package com.vocelio.call.boundary;

import com.vocelio.call.control.CallEndings;
import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.control.SimulatedTelephony;
import com.vocelio.call.control.TwilioSettings;
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

    @Inject
    TwilioSettings settings;

    @Inject
    CallEndings endings;

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
        boolean wasLive = call.get().status().isLive();
        call.get()
                .reportStatus(
                        told.get(),
                        TwilioTelephony.seconds(callDuration),
                        TwilioTelephony.price(price),
                        Clocks.now(clock));
        endings.after(call.get(), wasLive);
        return call;
    }

    /**
     * What an inbound call hears: its number's flow, and whether it waits for a department ({@code queueTo}, a
     * department id; empty when the flow hands it to its webhook). {@code unqueued} is what it hears instead when
     * that department refuses it (closed, its queue full): the flow's webhook, or an apology and the end of the call
     * ({@code unqueuedHangsUp}).
     */
    public record Answer(String twiml, String queueTo, String context, String unqueued, boolean unqueuedHangsUp) {}

    /**
     * Starts the record of an inbound call (once, however often Twilio asks) and says what its flow answers: a
     * recording started first when the flow records, the greeting, then the flow's webhook, or hold music while the
     * call waits for the flow's department.
     */
    public Answer answer(String callSid, String from, String to) {
        return answer(TwilioTelephony.NAME, callSid, from, to);
    }

    /**
     * {@link #answer(String, String, String)} for a call that {@code provider} carries: the simulator's inbound calls
     * are answered by the same flow handling (their recording needs no callback address: the simulator makes it).
     */
    public Answer answer(String provider, String callSid, String from, String to) {
        Optional<PhoneFlow> found = flows.find(to);
        if (found.isEmpty()) {
            return new Answer(notInService(), "", "", "", true);
        }
        var flow = found.get();
        var locked = registry.lockOrStart(callSid, from);
        var call = locked.call();
        if (locked.started()) {
            call.announceStart(Clocks.now(clock));
            call.answeredByFlow(provider, to, flow.flowId(), Clocks.now(clock));
        }
        boolean record =
                flow.recorded() && (settings.publicUrl().isPresent() || provider.equals(SimulatedTelephony.NAME));
        if (record) {
            call.recordIt();
        }
        var department = flow.department();
        if (department.isEmpty()) {
            return new Answer(resume(greeting(flow, record), flow).toString(), "", "", "", false);
        }
        var unqueued = flow.webhookUrl().isEmpty()
                ? greeting(flow, record)
                        .say("All our agents are busy. Please call again later.", null)
                        .hangup()
                : greeting(flow, record).redirect(flow.webhookUrl());
        return new Answer(
                greeting(flow, record).playForever(settings.holdMusicUrl()).toString(),
                department.get().id(),
                "Inbound call to " + to + " (flow " + flow.flowId() + ")",
                unqueued.toString(),
                flow.webhookUrl().isEmpty());
    }

    private Twiml greeting(PhoneFlow flow, boolean record) {
        var twiml = Twiml.response();
        if (record && settings.publicUrl().isPresent()) {
            twiml.startRecording(settings.publicUrl().get() + TwilioSettings.RECORDING_CALLBACK);
        }
        return twiml.say(flow.greeting(), flow.voice());
    }

    static Twiml resume(Twiml twiml, PhoneFlow flow) {
        return flow.webhookUrl().isEmpty() ? twiml.pause(60) : twiml.redirect(flow.webhookUrl());
    }

    public static String notInService() {
        return Twiml.response()
                .say("This number is not in service.", null)
                .hangup()
                .toString();
    }
}
