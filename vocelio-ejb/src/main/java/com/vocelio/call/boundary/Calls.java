package com.vocelio.call.boundary;

import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.platform.control.TenantAware;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The calls of the caller's organization. Live calls come with their department and agent in one query. */
@Stateless
@TenantAware
public class Calls {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    public List<Call> live() {
        return em.createNamedQuery(Call.LIVE, Call.class)
                .setParameter("statuses", CallStatus.LIVE)
                .getResultList();
    }
}
