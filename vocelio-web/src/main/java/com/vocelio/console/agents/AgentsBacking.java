package com.vocelio.console.agents;

import com.vocelio.agent.boundary.Agents;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.console.Messages;
import com.vocelio.department.boundary.Departments;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * {@code console/agents/index.xhtml}: the agents with their status and how long they have been in it, filtered by
 * department, status or skill in the database; forcing a status and deleting go through {@link Agents}, as the API's
 * do (admins and supervisors may do both).
 */
@Named
@ViewScoped
public class AgentsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Agents agents;

    @Inject
    Departments departments;

    @Inject
    Clock clock;

    private AgentRows rows;

    @PostConstruct
    void init() {
        rows = new AgentRows(agents, clock);
    }

    public void forceStatus(AgentRow row, String status) {
        try {
            agents.changeStatus(row.agentId(), status);
            Messages.info("agents.statusForced", row.agentId(), Messages.text("status." + status));
        } catch (BusinessException refused) {
            Messages.refusal("agents", refused);
        }
    }

    public void delete(AgentRow row) {
        try {
            agents.remove(row.agentId());
            Messages.info("agents.deleted", row.agentId());
        } catch (BusinessException refused) {
            Messages.refusal("agents", refused);
        }
    }

    public List<SelectItem> getDepartments() {
        return departments.all().stream()
                .map(d -> new SelectItem(d.id(), d.name()))
                .toList();
    }

    public List<SelectItem> getStatuses() {
        return Arrays.stream(AgentStatus.values())
                .map(s -> new SelectItem(s.wireName(), Messages.text("status." + s.wireName())))
                .toList();
    }

    public AgentRows getRows() {
        return rows;
    }
}
