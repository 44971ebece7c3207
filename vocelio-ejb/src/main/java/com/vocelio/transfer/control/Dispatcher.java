package com.vocelio.transfer.control;

import com.vocelio.agent.entity.Agent;
import com.vocelio.department.entity.Department;
import com.vocelio.department.entity.RoutingStrategy;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.entity.Transfer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Matches a department's waiting transfers with its free agents, inside the caller's transaction. Both sides are
 * picked with {@code FOR UPDATE SKIP LOCKED}, so any number of nodes dispatch at once without ever offering one
 * agent slot twice (and the schema refuses an agent above capacity besides). Queue order is urgency, then age,
 * among the transfers a free agent can take;
 * the agent is the department strategy's best among those available with capacity, the required skills (and,
 * until the department's widening time, the preferred ones) and
 * language, and who did not just decline this transfer. Native SQL is not filtered by EclipseLink: every query
 * names the tenant.
 */
@ApplicationScoped
public class Dispatcher {

    /** How many waiting transfers one pass may pass over because their agents are taken elsewhere. */
    static final int MAX_PASSED_OVER = 20;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    Clock clock;

    @Inject
    TransferMetrics metrics;

    /** @return how many offers were made */
    public int dispatch(Department department) {
        String tenantId = tenant.id();
        var passedOver = new ArrayList<String>();
        int offers = 0;
        while (passedOver.size() < MAX_PASSED_OVER) {
            Optional<String> next = lockedServableHead(
                    tenantId, department.id(), department.policy().widenAfterSeconds(), passedOver);
            if (next.isEmpty()) {
                break; // nobody waits whom a free agent could take
            }
            Transfer transfer = em.find(Transfer.class, next.get());
            Optional<String> agentId = lockedFreeAgent(
                    tenantId, department, transfer, transfer.declinedBy(coolDown(department), Clocks.now(clock)));
            if (agentId.isEmpty()) {
                passedOver.add(transfer.id()); // its agents are taken by another dispatcher or cooling down
                continue;
            }
            OffsetDateTime now = Clocks.now(clock);
            transfer.offerTo(em.find(Agent.class, agentId.get()), coolDown(department), now);
            metrics.offered(transfer, now);
            em.flush(); // the next queries must see this agent's taken slot
            offers++;
        }
        return offers;
    }

    /**
     * The first waiting transfer, by urgency then age, that some free agent of the department could take (skills,
     * language): a head that needs a rare skill does not block those behind it. When no agent of the department is
     * free at all (the usual case when a transfer is queued), the first condition, which names no transfer, is
     * decided once and the queue is not read: a request costs the same with 5,000 waiting as with none. Locked one at a time, so concurrent
     * dispatchers keep to the queue's order (each may be a place ahead of another, never a window ahead).
     */
    private Optional<String> lockedServableHead(
            String tenantId, String departmentId, int widenAfterSeconds, List<String> passedOver) {
        return Sql.of(
                        em,
                        """
                        select cast(t.id as text) from transfers t
                        where exists (select 1 from agents f where f.tenant_id = cast(?1 as uuid)
                            and f.department_id = cast(?2 as uuid) and f.status = 'available'
                            and f.active_calls < f.max_concurrent_calls)
                        and t.tenant_id = cast(?1 as uuid) and t.department_id = cast(?2 as uuid) and t.status = 'queued'
                        and not (t.id = any(cast(?3 as uuid[])))
                        and exists (select 1 from agents a where a.tenant_id = t.tenant_id
                            and a.department_id = t.department_id and a.status = 'available'
                            and a.active_calls < a.max_concurrent_calls and a.skills @> t.required_skills
                            and (a.skills @> t.preferred_skills or t.queued_at <= now() - ?4 * interval '1 second')
                            and (t.required_language is null or jsonb_exists(a.languages, t.required_language)))
                        order by t.urgency_rank desc, t.queued_at, t.id
                        limit 1 for update of t skip locked""")
                .setParameter(1, tenantId)
                .setParameter(2, departmentId)
                .setParameter(3, "{" + String.join(",", passedOver) + "}")
                .setParameter(4, widenAfterSeconds)
                .getResultStream()
                .findFirst()
                .map(Object::toString);
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
        var parameters = new ArrayList<Object>(List.of(
                tenantId,
                department.id(),
                Sql.jsonArray(transfer.skillsWanted(
                        Duration.ofSeconds(department.policy().widenAfterSeconds()), Clocks.now(clock)))));
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
