package com.vocelio.agent.control;

import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.department.entity.Department;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lists agents by any mix of department, status, skill and language in one query, departments fetched with the
 * agents (no query per row). Skills and languages are matched as the lower-case tags the agent keeps.
 */
@ApplicationScoped
public class AgentFinder {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    /** What a listing asks for; every criterion may be empty or blank. */
    public record Criteria(
            Optional<Department> department, Optional<AgentStatus> status, String skill, String language) {}

    /** The columns a page may be ordered by, and the attribute each one is. */
    private static final Map<String, String> SORTABLE = Map.of(
            "agentId", "agentId",
            "name", "name",
            "status", "status",
            "statusChangedAt", "statusChangedAt",
            "performanceRating", "performanceRating");

    public List<Agent> list(
            Optional<Department> department, Optional<AgentStatus> status, String skill, String language) {
        return page(new Criteria(department, status, skill, language), "agentId", false, 0, Integer.MAX_VALUE);
    }

    /** One page, ordered by {@code sortBy} (agent id when it names no sortable column), cut by the database. */
    public List<Agent> page(Criteria criteria, String sortBy, boolean descending, int first, int size) {
        var cb = em.getCriteriaBuilder();
        var query = cb.createQuery(Agent.class);
        var agent = query.from(Agent.class);
        agent.fetch("department");
        var where = new Where(cb, agent, criteria);
        var sorted = agent.get(SORTABLE.getOrDefault(sortBy == null ? "" : sortBy, "agentId"));
        query.select(agent)
                .where(where.predicates)
                .orderBy(descending ? cb.desc(sorted) : cb.asc(sorted), cb.asc(agent.get("agentId")));
        var typed = em.createQuery(query).setFirstResult(Math.max(0, first));
        if (size != Integer.MAX_VALUE) {
            typed.setMaxResults(size);
        }
        return where.bind(typed).getResultList();
    }

    /** How many agents are in each status (every status present, zero included), in one grouped query. */
    public Map<AgentStatus, Long> countByStatus() {
        var counts = new EnumMap<AgentStatus, Long>(AgentStatus.class);
        for (AgentStatus status : AgentStatus.values()) {
            counts.put(status, 0L);
        }
        em.createQuery("select a.status, count(a) from Agent a group by a.status", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((AgentStatus) row[0], (Long) row[1]));
        return counts;
    }

    /**
     * How many agents of each department are in each status (every status present per department that has agents),
     * in one grouped query.
     */
    public Map<String, Map<AgentStatus, Long>> countByDepartmentAndStatus() {
        var counts = new HashMap<String, Map<AgentStatus, Long>>();
        em.createQuery(
                        "select a.department.id, a.status, count(a) from Agent a group by a.department.id, a.status",
                        Object[].class)
                .getResultList()
                .forEach(row -> counts.computeIfAbsent((String) row[0], d -> {
                            var zeros = new EnumMap<AgentStatus, Long>(AgentStatus.class);
                            for (AgentStatus status : AgentStatus.values()) {
                                zeros.put(status, 0L);
                            }
                            return zeros;
                        })
                        .put((AgentStatus) row[1], (Long) row[2]));
        return counts;
    }

    public long count(Criteria criteria) {
        var cb = em.getCriteriaBuilder();
        var query = cb.createQuery(Long.class);
        var agent = query.from(Agent.class);
        var where = new Where(cb, agent, criteria);
        query.select(cb.count(agent)).where(where.predicates);
        return where.bind(em.createQuery(query)).getSingleResult();
    }

    /** The criteria as predicates, with the tag parameters they bind. */
    private static final class Where {
        final Predicate[] predicates;
        private final Criteria criteria;
        private final ParameterExpression<String> skillTag;
        private final ParameterExpression<String> languageTag;

        Where(CriteriaBuilder cb, Root<Agent> agent, Criteria criteria) {
            this.criteria = criteria;
            var where = new ArrayList<Predicate>();
            criteria.department().ifPresent(d -> where.add(cb.equal(agent.get("department"), d)));
            criteria.status().ifPresent(s -> where.add(cb.equal(agent.get("status"), s)));
            skillTag = cb.parameter(String.class, "skill");
            if (present(criteria.skill())) {
                where.add(containsTag(cb, agent.get("skills"), skillTag));
            }
            languageTag = cb.parameter(String.class, "language");
            if (present(criteria.language())) {
                where.add(containsTag(cb, agent.get("languages"), languageTag));
            }
            predicates = where.toArray(Predicate[]::new);
        }

        <T> TypedQuery<T> bind(TypedQuery<T> query) {
            if (present(criteria.skill())) {
                query.setParameter(skillTag, tag(criteria.skill()));
            }
            if (present(criteria.language())) {
                query.setParameter(languageTag, tag(criteria.language()));
            }
            return query;
        }
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
