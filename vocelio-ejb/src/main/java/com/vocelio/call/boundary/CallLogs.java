package com.vocelio.call.boundary;

import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Checks;
import com.vocelio.transfer.entity.Transfer;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The call history of the caller's organization, newest first, filtered and paged as the Call Logs screen asks:
 * two queries per page (the calls, then all their transfers at once), whatever the page size.
 */
@Stateless
@UnitOfWork
public class CallLogs {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    /** One page: the calls, each call's transfers, and how many calls match in all. */
    public record Page(List<Call> calls, Map<String, List<Transfer>> transfers, long total) {}

    public Page find(CallLogQuery query) {
        String where = " where c.startedAt >= :since" + outcome(query.status()) + hasTransfer(query.hasTransfer())
                + (query.search() == null ? "" : " and (lower(c.callId) like :search or c.callerNumber like :search)");
        var count = bind(em.createQuery("select count(c) from Call c" + where, Long.class), query);
        var calls = bind(
                        em.createQuery(
                                "select c from Call c left join fetch c.department left join fetch c.agent" + where
                                        + " order by c.startedAt desc, c.id",
                                Call.class),
                        query)
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
        return new Page(calls, transfers, count.getSingleResult());
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> typed, CallLogQuery query) {
        typed.setParameter("since", Checks.now().minus(query.range()));
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
