package com.vocelio.transfer.control;

import com.vocelio.agent.entity.Agent;
import com.vocelio.department.entity.Department;
import com.vocelio.department.entity.RoutingStrategy;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.entity.Transfer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches a department's waiting transfers with its free agents, inside the caller's transaction. Both sides are
 * picked with {@code FOR UPDATE SKIP LOCKED}, so any number of nodes dispatch at once without ever offering one
 * agent slot twice (and the schema refuses an agent above capacity besides). Queue order is urgency, then age;
 * the agent is the department strategy's best among those available with capacity, the required skills and
 * language, and who did not just decline this transfer. Native SQL is not filtered by EclipseLink: every query
 * names the tenant.
 */
@ApplicationScoped
public class Dispatcher {

    /** How many waiting transfers one pass looks at: enough to get past a head that needs a rare skill. */
    static final int QUEUE_WINDOW = 20;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    /** @return how many offers were made */
    public int dispatch(Department department) {
        String tenantId = tenant.id();
        int offers = 0;
        for (String transferId : lockedQueue(tenantId, department.id())) {
            Transfer transfer = em.find(Transfer.class, transferId);
            Optional<String> declinedBy = transfer.declinedBy(coolDown(department));
            Optional<String> agentId = lockedFreeAgent(tenantId, department, transfer, declinedBy);
            if (agentId.isEmpty()) {
                if (transfer.requiredSkills().isEmpty()
                        && transfer.requiredLanguage().isEmpty()
                        && declinedBy.isEmpty()) {
                    break; // nobody at all is free: the rest of the queue cannot do better
                }
                continue;
            }
            transfer.offerTo(em.find(Agent.class, agentId.get()), coolDown(department));
            em.flush(); // the next agent query must see this agent's taken slot
            offers++;
        }
        return offers;
    }

    @SuppressWarnings("unchecked")
    private List<String> lockedQueue(String tenantId, String departmentId) {
        return (List<String>) Sql.of(
                        em,
                        """
                        select cast(id as text) from transfers
                        where tenant_id = cast(?1 as uuid) and department_id = cast(?2 as uuid) and status = 'queued'
                        order by urgency_rank desc, queued_at, id
                        limit ?3 for update skip locked""")
                .setParameter(1, tenantId)
                .setParameter(2, departmentId)
                .setParameter(3, QUEUE_WINDOW)
                .getResultList();
    }

    /** An offer lasts the department's reservation time; so does the cool-down after a decline. */
    private static Duration coolDown(Department department) {
        return Duration.ofSeconds(department.policy().reservationTimeoutSeconds());
    }

    private Optional<String> lockedFreeAgent(
            String tenantId, Department department, Transfer transfer, Optional<String> declinedBy) {
        var sql = new StringBuilder(
                """
                select cast(id as text) from agents
                where tenant_id = cast(?1 as uuid) and department_id = cast(?2 as uuid) and status = 'available'
                and active_calls < max_concurrent_calls and skills @> cast(?3 as jsonb)""");
        var parameters =
                new ArrayList<Object>(List.of(tenantId, department.id(), Sql.jsonArray(transfer.requiredSkills())));
        transfer.requiredLanguage().ifPresent(language -> {
            parameters.add(language);
            sql.append(" and jsonb_exists(languages, ?")
                    .append(parameters.size())
                    .append(')');
        });
        declinedBy.ifPresent(agent -> {
            parameters.add(agent);
            sql.append(" and id <> cast(?").append(parameters.size()).append(" as uuid)");
        });
        sql.append(" order by ")
                .append(order(department.policy().strategy()))
                .append(", id limit 1 for update skip locked");
        var query = Sql.of(em, sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query.getResultStream().findFirst().map(Object::toString);
    }

    /** The department's strategy as an ORDER BY over the agents table. */
    static String order(RoutingStrategy strategy) {
        return switch (strategy) {
            case LONGEST_IDLE -> "greatest(coalesce(last_call_ended_at, '-infinity'), status_changed_at)";
            case FEWEST_CALLS ->
                "case when handled_calls_day = current_date then handled_calls else 0 end,"
                        + " greatest(coalesce(last_call_ended_at, '-infinity'), status_changed_at)";
            case BEST_RATED ->
                "performance_rating desc, greatest(coalesce(last_call_ended_at, '-infinity')," + " status_changed_at)";
            case ROUND_ROBIN -> "coalesce(last_offered_at, '-infinity')";
        };
    }
}
