package com.vocelio.console.queues;

import com.vocelio.agent.boundary.AgentFilter;
import com.vocelio.agent.boundary.Agents;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.console.Messages;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.transfer.boundary.TransferMoves;
import com.vocelio.transfer.boundary.Transfers;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The reassign dialog of {@code console/queues/index.xhtml}: a supervisor picks one of the transfer's department's
 * available agents, and {@link TransferMoves#reassign} offers the transfer to that agent (withdrawing an open offer),
 * as the boundary decides it: an agent no longer free is refused there, not here. View-scoped: the dialog keeps its
 * transfer and list between opening and choosing while the live queue redraws around it.
 */
@Named
@ViewScoped
public class ReassignBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Transfers transfers;

    @Inject
    Agents agents;

    @Inject
    TransferMoves moves;

    private String transferId;
    private List<Candidate> candidates = List.of();

    /** An agent the transfer may be given to, with what a supervisor weighs: skills and calls in hand. */
    public record Candidate(String agentId, String name, String skills, String calls) implements Serializable {}

    /**
     * Fills the dialog for the clicked row's transfer with its department's available agents (the page shows it;
     * a refusal, the transfer gone meanwhile, is said in it).
     */
    public void choose() {
        transferId = QueuesBacking.clickedParameter("transfer");
        try {
            var department = transfers.get(transferId).department();
            candidates =
                    agents.list(new AgentFilter(department.id(), AgentStatus.AVAILABLE.wireName(), null, null)).stream()
                            .map(a -> new Candidate(
                                    a.agentId(),
                                    a.name(),
                                    String.join(", ", a.skills()),
                                    a.activeCalls() + " / " + a.maxConcurrentCalls()))
                            .toList();
        } catch (BusinessException refused) {
            Messages.refusal("reassign", refused);
        }
    }

    /**
     * Offers the transfer to the agent of the clicked row ({@code agent}). A refusal (the agent went on a break
     * meanwhile) fails the request's validation, which keeps the dialog open with the reason in it.
     */
    public void reassign() {
        String agentId = QueuesBacking.clickedParameter("agent");
        try {
            moves.reassign(transferId, agentId);
            Messages.info("queues.reassigned", transferId, agentId);
        } catch (BusinessException refused) {
            Messages.refusal("reassign", refused);
        }
    }

    public String getTransferId() {
        return transferId;
    }

    public List<Candidate> getCandidates() {
        return candidates;
    }
}
