package com.vocelio.transfer.control;

import com.vocelio.event.boundary.Figures;
import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.FiguresDue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Counts an organization's queues and agents when the relay says its figures are due, and hands them to the
 * subscribers that show them. Runs on the relay's counting thread, in that organization.
 */
@ApplicationScoped
public class LiveFiguresPublisher {

    @Inject
    Figures figures;

    @Inject
    Subscribers subscribers;

    void onDue(@Observes FiguresDue due) {
        subscribers.figures(figures.now());
    }
}
