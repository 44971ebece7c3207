package com.vocelio.transfer.control;

import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.agent.entity.AgentStatusChanged;
import com.vocelio.platform.control.Clocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * An agent who becomes available may take a waiting call at once, in the same transaction: observed at the end of
 * the unit of work that changed the status, whoever changed it (the agent, a supervisor, a wrap-up that ran out).
 */
@ApplicationScoped
public class DispatchOnAvailability {

    @Inject
    Dispatcher dispatcher;

    @Inject
    Clock clock;

    void onStatusChange(@Observes AgentStatusChanged change) {
        if (change.to() == AgentStatus.AVAILABLE) {
            if (change.agent().status() == AgentStatus.AVAILABLE) {
                change.agent().endWrapUp(Clocks.now(clock));
            }
            dispatcher.dispatch(change.agent().department());
        }
    }
}
