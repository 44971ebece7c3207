package com.vocelio.console.queues;

import com.vocelio.agent.entity.Agent;
import com.vocelio.console.Durations;
import com.vocelio.console.Messages;
import com.vocelio.department.boundary.Departments;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.transfer.boundary.Queues;
import com.vocelio.transfer.boundary.TransferMoves;
import com.vocelio.transfer.boundary.TransferMoves.Move;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code console/queues/index.xhtml}: each department's waiting transfers in queue order, with their wait and
 * estimated wait, read per render from {@link Queues} (the API's queue endpoint reads the same) and refreshed by the
 * same push as the wallboard, and its offered, connecting and connected transfers. Canceling, force-completing and
 * reassigning ({@link ReassignBacking}) go through {@link TransferMoves}, as the API's moves do, so the events and the
 * freed agents are the same.
 */
@Named
@RequestScoped
public class QueuesBacking {

    static final String CANCELED_BY_SUPERVISOR = "canceled_by_supervisor";

    @Inject
    Departments departments;

    @Inject
    Queues queues;

    @Inject
    TransferMoves moves;

    @Inject
    Clock clock;

    private List<DepartmentQueue> lines;

    /** How many open transfers the page reads at most (the wallboard shows as many). */
    static final int MAX_IN_PROGRESS = 500;

    public record DepartmentQueue(String department, List<Waiting> waiting, List<InProgress> inProgress) {}

    /** An offered, connecting or connected transfer: its agent, and whether a supervisor may complete it now. */
    public record InProgress(
            String transferId, String callId, String urgency, String status, String agent, boolean completable) {}

    public record Waiting(
            String transferId, String callId, String urgency, int position, String waited, String estimatedWait) {}

    public List<DepartmentQueue> getQueues() {
        if (lines == null) {
            var now = Clocks.now(clock);
            var open = queues.open(MAX_IN_PROGRESS).stream()
                    .filter(t -> t.status() != TransferStatus.QUEUED)
                    .collect(Collectors.groupingBy(t -> t.department().id()));
            lines = departments.all().stream()
                    .map(d -> new DepartmentQueue(
                            d.name(),
                            queues.queueOf(d.id()).stream()
                                    .map(w -> new Waiting(
                                            w.transfer().transferId(),
                                            w.transfer().call().callId(),
                                            w.transfer().urgency().wireName(),
                                            w.spot().position(),
                                            Durations.clock(Duration.between(
                                                            w.transfer().queuedAt(), now)
                                                    .toSeconds()),
                                            Durations.clock(w.spot().estimatedWaitSeconds())))
                                    .toList(),
                            open.getOrDefault(d.id(), List.of()).stream()
                                    .map(QueuesBacking::inProgress)
                                    .toList()))
                    .toList();
        }
        return lines;
    }

    /**
     * Cancels the transfer the clicked row showed: its id travels with the click ({@code transfer}), since the queue
     * re-read for this request may have moved since the page was drawn, and a row number would then name another
     * caller.
     */
    public void cancel() {
        String transferId = clickedParameter("transfer");
        try {
            moves.cancel(transferId, CANCELED_BY_SUPERVISOR);
            Messages.info("queues.canceled", transferId);
        } catch (BusinessException refused) {
            Messages.refusal("queues", refused);
        }
        lines = null; // read again for the re-render
    }

    /**
     * Completes a connected transfer for its agent (one who hung up without completing, say): the API's complete by a
     * supervisor, so the agent's wrap-up starts and the department is dispatched as after the agent's own.
     */
    public void forceComplete() {
        String transferId = clickedParameter("transfer");
        try {
            moves.make(Move.COMPLETE, transferId, Optional.empty());
            Messages.info("queues.completed", transferId);
        } catch (BusinessException refused) {
            Messages.refusal("queues", refused);
        }
        lines = null;
    }

    /** What the clicked row showed, sent with the click (see {@link #cancel}). */
    static String clickedParameter(String name) {
        return FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get(name);
    }

    private static InProgress inProgress(Transfer t) {
        return new InProgress(
                t.transferId(),
                t.call().callId(),
                t.urgency().wireName(),
                t.status().wireName(),
                t.agent().map(Agent::name).orElse(""),
                t.status() == TransferStatus.CONNECTED);
    }
}
