package com.vocelio.agent.boundary;

import static com.vocelio.agent.control.AgentFinder.present;

import com.vocelio.agent.control.AgentFinder;
import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.department.boundary.Departments;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Constraints;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The human agents of the caller's organization: registration with a unique {@code agent_id}, listing by
 * department, status, skill and language, profile and status changes, removal.
 */
@Stateless
@UnitOfWork
public class Agents {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Departments departments;

    @Inject
    AgentFinder finder;

    @Inject
    Clock clock;

    public List<Agent> list(AgentFilter filter) {
        var criteria = criteria(filter);
        return finder.list(criteria.department(), criteria.status(), criteria.skill(), criteria.language());
    }

    /** One page of the listing, ordered by {@code sortBy} ({@code agentId}, {@code name}, {@code status}, ...). */
    public List<Agent> page(AgentFilter filter, String sortBy, boolean descending, int first, int size) {
        return finder.page(criteria(filter), sortBy, descending, first, Math.max(1, Math.min(size, 500)));
    }

    public long count(AgentFilter filter) {
        return finder.count(criteria(filter));
    }

    /** How many agents of the organization are in each status, every status present. */
    public Map<AgentStatus, Long> countByStatus() {
        return finder.countByStatus();
    }

    /** Per department id: how many of its agents are in each status (departments without agents are absent). */
    public Map<String, Map<AgentStatus, Long>> countByDepartmentAndStatus() {
        return finder.countByDepartmentAndStatus();
    }

    private AgentFinder.Criteria criteria(AgentFilter filter) {
        return new AgentFinder.Criteria(
                present(filter.department()) ? Optional.of(departments.resolve(filter.department())) : Optional.empty(),
                present(filter.status()) ? Optional.of(status(filter.status())) : Optional.empty(),
                filter.skill(),
                filter.language());
    }

    public Optional<Agent> find(String agentId) {
        return find(agentId, LockModeType.NONE);
    }

    private Optional<Agent> find(String agentId, LockModeType lock) {
        return em.createNamedQuery(Agent.BY_AGENT_ID, Agent.class)
                .setParameter("agentId", agentId == null ? "" : agentId.strip())
                .setLockMode(lock)
                .getResultStream()
                .findFirst();
    }

    public Agent get(String agentId) {
        return find(agentId).orElseThrow(() -> new UnknownAgentException(agentId));
    }

    public Agent register(AgentRequest request) {
        var now = Clocks.now(clock);
        var agent = new Agent(
                request.agentId(),
                request.name(),
                departments.resolveReference("department", request.department()),
                now);
        if (find(agent.agentId()).isPresent()) {
            throw new DuplicateAgentException(agent.agentId());
        }
        request.applyTo(agent);
        agent.changeStatus(request.status() == null ? AgentStatus.AVAILABLE : status(request.status()), now);
        em.persist(agent);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            // a concurrent registration of the same agent_id won the unique index
            throw new DuplicateAgentException(agent.agentId());
        }
        return agent;
    }

    public Agent update(String agentId, AgentRequest request) {
        var agent = get(agentId);
        if (request.agentId() != null && !request.agentId().strip().equals(agent.agentId())) {
            throw BusinessException.invalid("agent_id", "cannot be changed (it is the agent's key)");
        }
        if (request.name() != null) {
            agent.rename(request.name());
        }
        if (request.department() != null) {
            agent.moveTo(departments.resolveReference("department", request.department()));
        }
        request.applyTo(agent);
        var now = Clocks.now(clock);
        if (request.status() != null) {
            agent.changeStatus(status(request.status()), now);
        }
        agent.touch(now);
        return agent;
    }

    public Agent changeStatus(String agentId, String status) {
        if (status == null) {
            throw BusinessException.invalid("status", "is required, one of: " + AgentStatus.legalValues());
        }
        var newStatus = status(status);
        var agent = get(agentId);
        var now = Clocks.now(clock);
        agent.changeStatus(newStatus, now);
        agent.touch(now);
        return agent;
    }

    public Agent remove(String agentId) {
        // locked: of concurrent removals one removes, the others find nothing (404)
        var agent = find(agentId, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> new UnknownAgentException(agentId));
        agent.requireNoCalls();
        em.remove(agent);
        return agent;
    }

    private static AgentStatus status(String value) {
        return AgentStatus.fromWire(value)
                .orElseThrow(() -> BusinessException.invalid(
                        "status", "must be one of: " + AgentStatus.legalValues() + " (got '" + value + "')"));
    }
}
