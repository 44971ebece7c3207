package com.vocelio.transfer.boundary;

import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.FiguresDue;
import com.vocelio.transfer.entity.QueueBoard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The queue board as the live figures: when the event relay says an organization's figures are due (events touched
 * it), reads the board and hands it to the subscribers that show it. The relay sits below transfer and only knows
 * when to ask; it runs this on its counting thread, in that organization.
 */
@ApplicationScoped
public class QueueBoardFigures {

    @Inject
    Queues queues;

    @Inject
    Subscribers subscribers;

    void onDue(@Observes FiguresDue due) {
        subscribers.figures(due.tenantId(), QueueBoard.class, queues.board());
    }
}
