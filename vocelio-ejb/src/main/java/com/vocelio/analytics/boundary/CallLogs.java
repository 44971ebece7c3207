package com.vocelio.analytics.boundary;

import com.vocelio.call.control.CallCosts;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import com.vocelio.transfer.entity.Transfer;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The call history of the caller's organization, newest first, filtered and paged as the Call Logs screen asks:
 * two queries per page (the calls, then all their transfers at once), whatever the page size. A report over calls
 * and their transfers, so it sits above both features.
 */
@Stateless
@UnitOfWork
public class CallLogs {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CallCosts costs;

    @Inject
    Clock clock;

    /**
     * One page: the calls, each call's transfers, how many calls match in all, and the instant it was read (calls
     * still open count their time up to it).
     */
    public record Page(List<Call> calls, Map<String, List<Transfer>> transfers, long total, OffsetDateTime at) {}

    public Page find(CallLogQuery query) {
        var now = Clocks.now(clock);
        String where = " where c.startedAt >= :since" + outcome(query.status()) + hasTransfer(query.hasTransfer())
                + (query.search() == null ? "" : " and (lower(c.callId) like :search or c.callerNumber like :search)");
        var count = bind(em.createQuery("select count(c) from Call c" + where, Long.class), query, now);
        var calls = bind(
                        em.createQuery(
                                "select c from Call c left join fetch c.department left join fetch c.agent" + where
                                        + " order by c.startedAt desc, c.id",
                                Call.class),
                        query,
                        now)
                .setFirstResult((query.page() - 1) * query.limit())
                .setMaxResults(query.limit())
                .getResultList();
        Map<String, List<Transfer>> transfers = calls.isEmpty()
                ? Map.of()
                : em.createQuery(
                                "select t from Transfer t join fetch t.department where t.call in :calls"
                                        + " order by t.createdAt, t.id",
                                Transfer.class)
                        .setParameter("calls", calls)
                        .getResultStream()
                        .collect(Collectors.groupingBy(t -> t.call().id()));
        return new Page(calls, transfers, count.getSingleResult(), now);
    }

    /** What a call costs at the configured rates: AI minutes and human (transfer) minutes. */
    public double cost(double aiMinutes, double transferMinutes) {
        return costs.cost(aiMinutes, transferMinutes);
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> typed, CallLogQuery query, OffsetDateTime now) {
        typed.setParameter("since", now.minus(query.range()));
        if (query.search() != null) {
            typed.setParameter("search", "%" + query.search().toLowerCase(Locale.ROOT) + "%");
        }
        if (query.status() != null && !"transferred".equals(query.status())) {
            typed.setParameter("status", CallStatus.valueOf(query.status().toUpperCase(Locale.ROOT)));
        }
        return typed;
    }

    /** "transferred" is a completed call that went to a human; the others are the call's own status. */
    private static String outcome(String status) {
        if (status == null) {
            return "";
        }
        return "transferred".equals(status)
                ? " and c.transferCount > 0 and c.status = com.vocelio.call.entity.CallStatus.COMPLETED"
                : " and c.status = :status" + ("completed".equals(status) ? " and c.transferCount = 0" : "");
    }

    private static String hasTransfer(Boolean hasTransfer) {
        if (hasTransfer == null) {
            return "";
        }
        return hasTransfer ? " and c.transferCount > 0" : " and c.transferCount = 0";
    }
}
