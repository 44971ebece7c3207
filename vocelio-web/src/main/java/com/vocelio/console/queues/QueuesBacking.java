package com.vocelio.console.queues;

import com.vocelio.console.Durations;
import com.vocelio.console.Messages;
import com.vocelio.department.boundary.Departments;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.transfer.boundary.Queues;
import com.vocelio.transfer.boundary.TransferMoves;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code console/queues/index.xhtml}: each department's waiting transfers in queue order, with their wait and
 * estimated wait, read per render from {@link Queues} (the API's queue endpoint reads the same) and refreshed by the
 * same push as the wallboard. Canceling goes through {@link TransferMoves}, as the API's cancel does, so the events
 * and the freed agent are the same.
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

    public record DepartmentQueue(String department, List<Waiting> waiting) {}

    public record Waiting(
            String transferId, String callId, String urgency, int position, String waited, String estimatedWait) {}

    public List<DepartmentQueue> getQueues() {
        if (lines == null) {
            var now = Clocks.now(clock);
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
        String transferId = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get("transfer");
        try {
            moves.cancel(transferId, CANCELED_BY_SUPERVISOR);
            Messages.info("queues.canceled", transferId);
        } catch (BusinessException refused) {
            Messages.refusal("queues", refused);
        }
        lines = null; // read again for the re-render
    }
}
