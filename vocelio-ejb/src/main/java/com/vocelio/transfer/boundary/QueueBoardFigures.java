package com.vocelio.transfer.boundary;

import com.vocelio.event.control.FigureSource;
import com.vocelio.transfer.entity.QueueBoard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The queue board as the live figures the event relay refreshes after events touched an organization: the relay
 * sits below transfer and knows only when to ask, this is what it asks.
 */
@ApplicationScoped
public class QueueBoardFigures implements FigureSource<QueueBoard> {

    @Inject
    Queues queues;

    @Override
    public Class<QueueBoard> type() {
        return QueueBoard.class;
    }

    @Override
    public QueueBoard read() {
        return queues.board();
    }
}
