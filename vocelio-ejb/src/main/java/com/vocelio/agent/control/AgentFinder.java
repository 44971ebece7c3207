package com.vocelio.agent.control;

import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.department.entity.Department;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lists agents by any mix of department, status, skill and language in one query, departments fetched with the
 * agents (no query per row). Skills and languages are matched as the lower-case tags the agent keeps.
 */
@ApplicationScoped
public class AgentFinder {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    public List<Agent> list(
            Optional<Department> department, Optional<AgentStatus> status, String skill, String language) {
        var cb = em.getCriteriaBuilder();
        var query = cb.createQuery(Agent.class);
        var agent = query.from(Agent.class);
        agent.fetch("department");
        var where = new ArrayList<Predicate>();
        department.ifPresent(d -> where.add(cb.equal(agent.get("department"), d)));
        status.ifPresent(s -> where.add(cb.equal(agent.get("status"), s)));
        var skillTag = cb.parameter(String.class, "skill");
        if (present(skill)) {
            where.add(containsTag(cb, agent.get("skills"), skillTag));
        }
        var languageTag = cb.parameter(String.class, "language");
        if (present(language)) {
            where.add(containsTag(cb, agent.get("languages"), languageTag));
        }
        query.select(agent).where(where.toArray(Predicate[]::new)).orderBy(cb.asc(agent.get("agentId")));
        var typed = em.createQuery(query);
        if (present(skill)) {
            typed.setParameter(skillTag, tag(skill));
        }
        if (present(language)) {
            typed.setParameter(languageTag, tag(language));
        }
        return typed.getResultList();
    }

    public long countIn(Department department) {
        return em.createNamedQuery(Agent.COUNT_IN_DEPARTMENT, Long.class)
                .setParameter("department", department)
                .getSingleResult();
    }

    /** jsonb_exists(column, tag) is PostgreSQL's {@code column ? tag}, served by the GIN index on skills. */
    private static Predicate containsTag(CriteriaBuilder cb, Expression<Object> column, Expression<String> tag) {
        return cb.isTrue(cb.function("jsonb_exists", Boolean.class, column, tag));
    }

    private static String tag(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
