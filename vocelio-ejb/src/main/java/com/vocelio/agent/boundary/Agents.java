package com.vocelio.agent.boundary;

import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.department.boundary.Departments;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Constraints;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** One query, departments fetched with the agents (no query per row). */
    public List<Agent> list(AgentFilter filter) {
        var cb = em.getCriteriaBuilder();
        var query = cb.createQuery(Agent.class);
        var agent = query.from(Agent.class);
        agent.fetch("department");
        var where = new ArrayList<Predicate>();
        if (present(filter.department())) {
            where.add(cb.equal(agent.get("department"), departments.resolve(filter.department())));
        }
        if (present(filter.status())) {
            where.add(cb.equal(agent.get("status"), status(filter.status())));
        }
        var skill = cb.parameter(String.class, "skill");
        if (present(filter.skill())) {
            where.add(containsTag(cb, agent.get("skills"), skill));
        }
        var language = cb.parameter(String.class, "language");
        if (present(filter.language())) {
            where.add(containsTag(cb, agent.get("languages"), language));
        }
        query.select(agent).where(where.toArray(Predicate[]::new)).orderBy(cb.asc(agent.get("agentId")));
        var typed = em.createQuery(query);
        if (present(filter.skill())) {
            typed.setParameter(skill, tag(filter.skill()));
        }
        if (present(filter.language())) {
            typed.setParameter(language, tag(filter.language()));
        }
        return typed.getResultList();
    }

    public Optional<Agent> find(String agentId) {
        return em.createNamedQuery(Agent.BY_AGENT_ID, Agent.class)
                .setParameter("agentId", agentId == null ? "" : agentId.strip())
                .getResultStream()
                .findFirst();
    }

    public Agent get(String agentId) {
        return find(agentId).orElseThrow(() -> new UnknownAgentException(agentId));
    }

    public Agent register(AgentRequest request) {
        var agent = new Agent(
                request.agentId(), request.name(), departments.resolveReference("department", request.department()));
        if (find(agent.agentId()).isPresent()) {
            throw new DuplicateAgentException(agent.agentId());
        }
        apply(agent, request);
        agent.changeStatus(request.status() == null ? AgentStatus.AVAILABLE : status(request.status()));
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
        apply(agent, request);
        if (request.status() != null) {
            agent.changeStatus(status(request.status()));
        }
        agent.touch();
        return agent;
    }

    public Agent changeStatus(String agentId, String status) {
        if (status == null) {
            throw BusinessException.invalid("status", "is required, one of: " + AgentStatus.legalValues());
        }
        var newStatus = status(status);
        var agent = get(agentId);
        agent.changeStatus(newStatus);
        agent.touch();
        return agent;
    }

    public Agent remove(String agentId) {
        // locked: of concurrent removals one removes, the others find nothing (404)
        var agent = em.createNamedQuery(Agent.BY_AGENT_ID, Agent.class)
                .setParameter("agentId", agentId == null ? "" : agentId.strip())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new UnknownAgentException(agentId));
        if (agent.activeCalls() > 0) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "agent_busy",
                    "Agent " + agent.agentId() + " holds " + agent.activeCalls()
                            + " offered or connected call(s); finish or reject them before removing the agent");
        }
        em.remove(agent);
        return agent;
    }

    private static void apply(Agent agent, AgentRequest request) {
        if (request.email() != null) {
            agent.changeEmail(request.email());
        }
        if (request.skills() != null) {
            agent.changeSkills(request.skills());
        }
        if (request.languages() != null) {
            agent.changeLanguages(request.languages());
        }
        if (request.performanceRating() != null) {
            agent.rate(request.performanceRating());
        }
        if (request.maxConcurrentCalls() != null) {
            agent.allowConcurrentCalls(request.maxConcurrentCalls());
        }
        agent.reachAt(request.phoneNumber(), request.sipUri());
    }

    private static AgentStatus status(String value) {
        return AgentStatus.fromWire(value)
                .orElseThrow(() -> BusinessException.invalid(
                        "status", "must be one of: " + AgentStatus.legalValues() + " (got '" + value + "')"));
    }

    /** jsonb_exists(column, tag) is PostgreSQL's {@code column ? tag}, served by the GIN index on skills. */
    private static Predicate containsTag(CriteriaBuilder cb, Expression<Object> column, Expression<String> tag) {
        return cb.isTrue(cb.function("jsonb_exists", Boolean.class, column, tag));
    }

    private static String tag(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
