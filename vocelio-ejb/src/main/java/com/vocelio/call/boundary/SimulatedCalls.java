package com.vocelio.call.boundary;

import com.vocelio.call.control.CallEndings;
import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.control.Providers;
import com.vocelio.call.control.SimulatedTelephony;
import com.vocelio.call.entity.AgentLegUnanswered;
import com.vocelio.call.entity.Call;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The simulated network's timers for one organization: every simulated call whose next step is due moves one step
 * (rows taken with SKIP LOCKED, so nodes share the work and a call a request holds is moved on the next tick), with
 * the same events a provider's callbacks would cause; every agent's leg that rang out unanswered is reported as
 * Twilio reports one; and the calls the simulated network receives.
 */
@Stateless
@UnitOfWork
public class SimulatedCalls {

    static final int BATCH = 200;

    @Inject
    CurrentTenant tenant;

    @Inject
    SimulatedTelephony simulator;

    @Inject
    CallEndings endings;

    @Inject
    Clock clock;

    @Inject
    TwilioCallbacks flowAnswers;

    @Inject
    PhoneFlows flows;

    @Inject
    CallRegistry registry;

    @Inject
    Providers providers;

    @Inject
    Event<AgentLegUnanswered> unanswered;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region", defaultValue = "US")
    String region;

    /** A simulated inbound call as its number's flow answered it. */
    public record Received(Call call, TwilioCallbacks.Answer answer) {}

    /**
     * The simulated network puts a call through from {@code from} to one of the organization's numbers: its flow
     * answers it exactly as {@code /webhooks/twilio/voice} answers a Twilio call (the record starts answered by the
     * flow, recorded when the flow records), and it talks the simulator's talk time unless someone ends it. A
     * number without a flow is not the organization's to receive calls on. A node whose telephony is Twilio has no
     * simulated network: its numbers ring at Twilio, so a fake call there would be a call no one can hear.
     */
    public Received receive(SimulatedInbound request) {
        refuseUnlessSimulated();
        var asked = request.read(region);
        if (flows.find(asked.to()).isEmpty()) {
            throw BusinessException.invalid(
                    "to", "is not one of this organization's numbers (register it with a flow first)");
        }
        String sid = simulator.callSid();
        var answer = flowAnswers.answer(SimulatedTelephony.NAME, sid, asked.from(), asked.to());
        var call = registry.lock(sid).orElseThrow();
        simulator.received(call, Clocks.now(clock));
        return new Received(call, answer);
    }

    /** 409 {@code simulator_disabled} on a node whose new calls go through Twilio. */
    public void refuseUnlessSimulated() {
        if (!SimulatedTelephony.NAME.equals(providers.name())) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "simulator_disabled",
                    "This node's telephony is " + providers.name()
                            + ": the simulator is off (it works when no Twilio credentials are configured)");
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int step() {
        var due = registry.due(SimulatedTelephony.NAME, "next_step_at <= now()", "next_step_at", BATCH);
        var now = Clocks.now(clock);
        for (var call : due) {
            boolean wasLive = call.status().isLive();
            simulator.step(call, now);
            endings.after(call, wasLive);
        }
        return due.size();
    }

    /**
     * The simulated agents' legs that rang out unanswered by now ({@link SimulatedTelephony#bridge}): each is reported
     * once, and routing moves its transfer inside this transaction, as for Twilio's report of such a leg (so a leg
     * whose report failed rings out again on the next tick).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int agentLegs() {
        var due = registry.due(SimulatedTelephony.NAME, "agent_leg_ends_at <= now()", "agent_leg_ends_at", BATCH);
        due.forEach(call -> call.agentLegOver().ifPresent(unanswered::fire));
        return due.size();
    }
}
