package com.vocelio.console.agents;

import com.vocelio.agent.boundary.AgentRequest;
import com.vocelio.agent.boundary.Agents;
import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.console.Messages;
import com.vocelio.department.boundary.Departments;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code console/agents/edit.xhtml}: registers an agent ({@code ?agentId} absent) or changes one through
 * {@link Agents}, as the API's register and update do: skills and languages as chips, capacity, rating, phone or SIP.
 */
@Named
@ViewScoped
public class EditAgentBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Agents agents;

    @Inject
    Departments departments;

    private String existing;
    private String agentId;
    private String name;
    private String email;
    private String department;
    private List<String> skills = new ArrayList<>();
    private List<String> languages = new ArrayList<>();
    private String status = AgentStatus.OFFLINE.wireName();
    private Integer maxConcurrentCalls = 1;
    private BigDecimal performanceRating = Agent.DEFAULT_RATING;
    private String phoneNumber;
    private String sipUri;
    private String clientIdentity;

    /** Reads the agent named by {@code ?agentId}. */
    public void load() {
        if (existing == null || existing.isBlank()) {
            existing = null;
            return;
        }
        var agent = agents.find(existing).orElse(null);
        if (agent == null) {
            Messages.error("agents.unknown");
            existing = null;
            return;
        }
        agentId = agent.agentId();
        name = agent.name();
        email = agent.email();
        department = agent.department().id();
        skills = new ArrayList<>(agent.skills());
        languages = new ArrayList<>(agent.languages());
        status = agent.status().wireName();
        maxConcurrentCalls = agent.maxConcurrentCalls();
        performanceRating = agent.performanceRating();
        phoneNumber = agent.phoneNumber();
        sipUri = agent.sipUri();
        clientIdentity = agent.clientIdentity();
    }

    public String save() {
        var request = new AgentRequest(
                agentId,
                name,
                email == null ? "" : email,
                department,
                skills,
                languages,
                status,
                performanceRating,
                maxConcurrentCalls,
                phoneNumber == null ? "" : phoneNumber,
                sipUri == null ? "" : sipUri,
                clientIdentity == null ? "" : clientIdentity);
        try {
            boolean creating = isCreating();
            Agent saved = creating ? agents.register(request) : agents.update(existing, request);
            Messages.info(creating ? "agents.registered" : "agents.saved", saved.agentId());
            Messages.keepOverRedirect();
            return "/agents/index?faces-redirect=true";
        } catch (BusinessException refused) {
            Messages.refusal("agent", refused);
            return null;
        }
    }

    public boolean isCreating() {
        return existing == null;
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

    public String getExisting() {
        return existing;
    }

    public void setExisting(String existing) {
        this.existing = existing;
    }

    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    public List<String> getSkills() {
        return skills;
    }

    public void setSkills(List<String> skills) {
        this.skills = skills == null ? new ArrayList<>() : skills;
    }

    public List<String> getLanguages() {
        return languages;
    }

    public void setLanguages(List<String> languages) {
        this.languages = languages == null ? new ArrayList<>() : languages;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Integer getMaxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    public BigDecimal getPerformanceRating() {
        return performanceRating;
    }

    public void setPerformanceRating(BigDecimal performanceRating) {
        this.performanceRating = performanceRating;
    }

    public String getPhoneNumber() {
        return phoneNumber;
    }

    public void setPhoneNumber(String phoneNumber) {
        this.phoneNumber = phoneNumber;
    }

    public String getSipUri() {
        return sipUri;
    }

    public void setSipUri(String sipUri) {
        this.sipUri = sipUri;
    }

    public String getClientIdentity() {
        return clientIdentity;
    }

    public void setClientIdentity(String clientIdentity) {
        this.clientIdentity = clientIdentity;
    }
}
