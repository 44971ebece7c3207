package com.vocelio.transfer.control;

import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.agent.entity.AgentStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** An agent who becomes available may take a waiting call at once, in the same transaction. */
@ApplicationScoped
public class DispatchOnAvailability {

    @Inject
    Dispatcher dispatcher;

    void onStatusChange(@Observes AgentStatusChanged change) {
        if (change.to() == AgentStatus.AVAILABLE) {
            if (change.agent().status() == AgentStatus.AVAILABLE) {
                change.agent().endWrapUp();
            }
            dispatcher.dispatch(change.agent().department());
        }
    }
}
