package com.vocelio.call.boundary;

import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.platform.control.TenantAware;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** The calls of the caller's organization. Live calls come with their department and agent in one query. */
@Stateless
@TenantAware
public class Calls {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    public Optional<Call> find(String callId) {
        return em.createNamedQuery(Call.BY_CALL_ID, Call.class)
                .setParameter("callId", callId == null ? "" : callId.strip())
                .getResultStream()
                .findFirst();
    }

    public List<Call> live() {
        return em.createNamedQuery(Call.LIVE, Call.class)
                .setParameter("statuses", CallStatus.LIVE)
                .getResultList();
    }
}
