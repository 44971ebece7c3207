package com.vocelio.call.control;

import com.vocelio.call.entity.Call;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Finds a call by its public id, starting the record of an AI call in progress when this is the first we hear of it,
 * and locks it for the caller's transaction: every request about one call (say, fifty identical transfer requests
 * at once) is served one after the other.
 */
@ApplicationScoped
public class CallRegistry {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    /**
     * Serializes this transaction with every other that locks the same key in the same organization (a PostgreSQL
     * advisory lock, released at commit): for things that have no row yet, such as an idempotency key.
     */
    public void lockKey(String key) {
        Sql.of(em, "select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)")
                .setParameter(1, tenant.id() + "/" + key)
                .getSingleResult();
    }

    /**
     * The organization's call with this public id, locked until the caller's transaction ends: requests about one
     * call (the portal's two or three {@code end}s, a callback racing a hang-up) are served one after the other.
     */
    public Optional<Call> lock(String callId) {
        return em.createNamedQuery(Call.BY_CALL_ID, Call.class)
                .setParameter("callId", callId == null ? "" : callId.strip())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    /** The organization's call in the conference {@code name}, locked like {@link #lock}. */
    public Optional<Call> lockInConference(String name) {
        return em.createNamedQuery(Call.IN_CONFERENCE, Call.class)
                .setParameter("name", name == null ? "" : name)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    /** A locked call, and whether this transaction started its record (then the caller announces the start). */
    public record Locked(Call call, boolean started) {}

    /**
     * One statement starts the call's record or finds it, locks it either way (the no-op update of an existing row
     * takes the row lock as {@code FOR UPDATE} would) and returns the row, which EclipseLink makes the managed call:
     * reading it again by id after the upsert cost a round trip and a tenth of a transfer request's CPU in the
     * application. {@code xmax = 0} tells a row this statement inserted.
     */
    public Locked lockOrStart(String callId, String callerNumber) {
        Object[] row = (Object[]) em.createNativeQuery(
                        """
                        insert into calls (id, tenant_id, call_id, caller_number, status, started_at, created_at, updated_at)
                        values (gen_random_uuid(), cast(?1 as uuid), ?2, ?3, 'active', now(), now(), now())
                        on conflict (tenant_id, call_id) do update set updated_at = calls.updated_at
                        returning *, xmax = 0 as started""",
                        Call.LOCKED)
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, tenant.id())
                .setParameter(2, callId)
                .setParameter(3, callerNumber == null ? "" : callerNumber)
                .getSingleResult();
        return new Locked((Call) row[0], Boolean.TRUE.equals(row[1]));
    }

    /**
     * The organization's calls of {@code provider} that a sweep finds due ({@code due}, a condition on {@code calls}),
     * oldest first by {@code order}, at most {@code limit}: locked until the caller's transaction ends and skipped by
     * every other (SKIP LOCKED), so the nodes running the same sweep share the work.
     */
    public List<Call> due(String provider, String due, String order, int limit) {
        @SuppressWarnings("unchecked")
        List<Call> calls = em.createNativeQuery(
                        "select * from calls where tenant_id = cast(?1 as uuid) and provider = ?2 and (" + due
                                + ") order by " + order + " limit ?3 for update skip locked",
                        Call.class)
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, tenant.id())
                .setParameter(2, provider)
                .setParameter(3, limit)
                .getResultList(); // one query for the batch, not a find per row
        return calls;
    }
}
