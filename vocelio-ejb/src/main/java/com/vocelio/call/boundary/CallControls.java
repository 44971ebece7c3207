package com.vocelio.call.boundary;

import com.vocelio.agent.entity.Agent;
import com.vocelio.call.control.AiLegMedia;
import com.vocelio.call.control.CallEndings;
import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.control.Providers;
import com.vocelio.call.entity.AgentLeg;
import com.vocelio.call.entity.Call;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.PhoneNumbers;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the organization does with a call in progress: read it, end it, mute it, hold it, hand it to a number. Each
 * locks the call first, so concurrent requests about one call take turns; ending is idempotent (the portal sends it
 * two or three times): a call already over is answered as it is, and the provider is asked to hang up once.
 */
@Stateless
@UnitOfWork
public class CallControls {

    @Inject
    AiLegMedia media;

    @Inject
    CallRegistry registry;

    @Inject
    Providers providers;

    @Inject
    CallEndings endings;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region", defaultValue = "US")
    String region;

    public Call get(String callSid) {
        return registry.lock(callSid).orElseThrow(() -> new UnknownCallException(callSid));
    }

    /**
     * The call as its status is read: a live provider call is first checked with its provider when our record may be
     * stale (the provider bounds how often: {@link com.vocelio.call.control.TelephonyProvider#refresh}).
     */
    public Call status(String callSid) {
        Call call = get(callSid);
        if (call.onTheLine() && !call.provider().isEmpty()) {
            boolean wasLive = call.status().isLive();
            providers.of(call.provider()).refresh(call, Clocks.now(clock));
            endings.after(call, wasLive);
        }
        return call;
    }

    public Call end(String callSid) {
        Call call = get(callSid);
        if (call.onTheLine()) {
            boolean wasLive = call.status().isLive();
            var now = Clocks.now(clock);
            if (call.provider().isEmpty()) {
                call.hangUp(now);
            } else {
                providers.of(call.provider()).hangUp(call, now);
            }
            endings.after(call, wasLive);
        }
        return call;
    }

    /** @param on mute or unmute; null toggles */
    public Call mute(String callSid, Boolean on) {
        Call call = get(callSid);
        boolean wanted = on == null ? !call.muted() : on;
        boolean change = wanted != call.muted();
        call.mute(wanted, Clocks.now(clock)); // refuses a call not answered or over before the provider hears of it
        if (change && !call.provider().isEmpty()) {
            providers.of(call.provider()).mute(call, wanted);
        }
        return call;
    }

    /** @param on hold or resume; null toggles */
    public Call hold(String callSid, Boolean on) {
        Call call = get(callSid);
        boolean wanted = on == null ? !call.onHold() : on;
        boolean change = wanted != call.onHold();
        call.hold(wanted, Clocks.now(clock)); // refuses a call not answered or over before the provider hears of it
        if (change && !call.provider().isEmpty()) {
            providers.of(call.provider()).hold(call, wanted);
        }
        return call;
    }

    /**
     * The routed agent takes the call the way {@code leg} says (dialled through, or met in a conference) at the
     * agent's address ({@link Agent#dialTarget}: SIP URI, else Twilio Client, else phone number). A call an AI only
     * reported (no provider) is bridged by the AI's own platform; nothing to do here.
     *
     * @return true when the bridge is up now; false when the provider reports the agent's answer later
     */
    public boolean bridge(Call call, Agent agent, AgentLeg leg) {
        if (call.provider().isEmpty()) {
            return true;
        }
        String target = agent.dialTarget()
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.CONFLICT,
                        "agent_unreachable",
                        "Agent " + agent.agentId() + " has no phone number, SIP URI or Twilio Client to bridge call "
                                + call.callId() + " to"));
        return providers.of(call.provider()).bridge(call, target, leg);
    }

    /**
     * The routed agent's leg answered: it hears {@code briefing}, then starts the caller's conference, which the
     * provider reports and which cues the AI's line there. Should that report be lost, the AI's line is cued once the
     * briefing has surely been spoken ({@link AiLegs#overdue}).
     */
    public void agentAnswered(Call call, String briefing) {
        var now = Clocks.now(clock);
        call.aiCueBy(now.plus(media.cueWithin(briefing)), now);
    }

    /**
     * A cold transfer to a number: the caller is dialled through to {@code number} and the AI leaves the call.
     *
     * @param field the name the client gave the number, for the error
     */
    public Call dial(String callSid, String field, String number) {
        String e164 = PhoneNumbers.toE164(number, region)
                .orElseThrow(() -> BusinessException.invalid(field, "is not a valid phone number"));
        Call call = get(callSid);
        call.handTo(e164, Clocks.now(clock));
        if (!call.provider().isEmpty()) {
            providers.of(call.provider()).dial(call, e164);
        }
        return call;
    }
}
