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
     * language): a head that needs a rare skill does not block those behind it. Locked one at a time, so concurrent
     * dispatchers keep to the queue's order (each may be a place ahead of another, never a window ahead). A database
     * function ({@code servable_head}, changeset 031): when no agent of the department is free at all (the usual case
     * when a transfer is queued), the queue is neither planned nor read, so a request costs the same with 5,000
     * waiting as with none, and PostgreSQL plans only the half that needs a custom plan.
     */
    private Optional<String> lockedServableHead(
            String tenantId, String departmentId, int widenAfterSeconds, List<String> passedOver) {
        return Sql.of(
                        em,
                        "select cast(servable_head(cast(?1 as uuid), cast(?2 as uuid), ?3, cast(?4 as uuid[])) as text)")
                .setParameter(1, tenantId)
                .setParameter(2, departmentId)
                .setParameter(3, widenAfterSeconds)
                .setParameter(4, "{" + String.join(",", passedOver) + "}")
                .getResultList()
                .stream()
                .filter(java.util.Objects::nonNull) // one row, null when nobody waits whom a free agent could take
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
