package com.vocelio.call.boundary;

import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The calls of the caller's organization: the AI agents report the calls they handle, supervisors see the live ones
 * (with their department and agent, in one query).
 */
@Stateless
@UnitOfWork
public class Calls {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CallRegistry registry;

    public Optional<Call> find(String callId) {
        return em.createNamedQuery(Call.BY_CALL_ID, Call.class)
                .setParameter("callId", callId == null ? "" : callId.strip())
                .getResultStream()
                .findFirst();
    }

    /** The call and whether this report started its record (a repeat of the report finds it as it is). */
    public record Reported(Call call, boolean created) {}

    /**
     * An AI agent reports a call it is handling: from now it is a live call that supervisors see and may transfer.
     * Reporting the same call again changes nothing (the agent may retry).
     */
    public Reported report(CallReport report) {
        String callId = report.id();
        String caller = report.caller();
        String called = report.called();
        String direction = report.directionGiven();
        String flow = report.flow();
        var locked = registry.lockOrStart(callId, caller);
        if (locked.started()) {
            var now = Clocks.now(clock);
            locked.call().describe(called, direction, flow, now);
            locked.call().announceStart(now);
        }
        return new Reported(locked.call(), locked.started());
    }

    public List<Call> live() {
        return em.createNamedQuery(Call.LIVE, Call.class)
                .setParameter("statuses", CallStatus.LIVE)
                .getResultList();
    }
}
