package com.vocelio.contact.control;

import com.vocelio.call.entity.CallPlacing;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * No outbound call reaches a number on any of the organization's do-not-call lists: telephony announces every call
 * it is about to place ({@link CallPlacing}, in its unit of work) and this refuses with a 409 {@code do_not_call}
 * before anything is dialled or stored.
 */
@ApplicationScoped
public class DoNotCallGuard {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region")
    String phoneRegion;

    void vetoCall(@Observes CallPlacing placing) {
        String number = PhoneLines.read(placing.to(), phoneRegion)
                .map(PhoneLines.Line::e164)
                .orElse(placing.to());
        if (isBlocked(number)) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "do_not_call",
                    "The number " + number + " is on a do-not-call list of this organization: the call was not placed",
                    java.util.List.of(new BusinessException.Detail("to", "is on a do-not-call list")));
        }
    }

    public boolean isBlocked(String e164) {
        return !Sql.of(em, "select 1 from dnc_entries where tenant_id = cast(?1 as uuid) and phone = ?2 limit 1")
                .setParameter(1, tenant.id())
                .setParameter(2, e164)
                .getResultList()
                .isEmpty();
    }
}
