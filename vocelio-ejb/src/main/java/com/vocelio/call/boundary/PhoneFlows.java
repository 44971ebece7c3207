package com.vocelio.call.boundary;

import com.vocelio.call.entity.PhoneFlow;
import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.PhoneNumbers;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which flow answers which of the organization's numbers. A number is one organization's: registering another
 * organization's number is a conflict (and says nothing else about it). Registering a number again moves it to the
 * new flow; unregistering a number that has no flow removes nothing and is no error (the portal ignores the answer).
 */
@Stateless
@UnitOfWork
public class PhoneFlows {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    Departments departments;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region", defaultValue = "US")
    String region;

    public List<PhoneFlow> register(FlowRegistration registration) {
        var asked = registration.read(region);
        var now = Clocks.now(clock);
        Department queueTo =
                asked.department().isEmpty() ? null : departments.resolveReference("department", asked.department());
        var flows = new ArrayList<PhoneFlow>();
        for (String number : asked.numbers()) {
            Sql.of(em, "select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)")
                    .setParameter(1, "phone-flow/" + number)
                    .getSingleResult(); // one registration of a number at a time, across organizations
            var owner = Sql.of(em, "select cast(tenant_id as text) from phone_flows where phone_number = ?1")
                    .setParameter(1, number)
                    .getResultStream()
                    .findFirst();
            if (owner.isPresent() && !owner.get().equals(tenant.id())) {
                throw new BusinessException(
                        BusinessException.Kind.CONFLICT,
                        "number_taken",
                        number + " belongs to another organization",
                        List.of(new BusinessException.Detail("phone_numbers", number + " is not yours")));
            }
            var flow = find(number).orElseGet(() -> {
                var created = new PhoneFlow(number, now);
                em.persist(created);
                return created;
            });
            flow.answerWith(
                    asked.flowId(), asked.webhookUrl(), asked.greeting(), asked.voice(), queueTo, asked.record(), now);
            flows.add(flow);
        }
        if (asked.defaultCallerId()) {
            defaultCallerId(flows.get(0), now);
        }
        return flows;
    }

    /**
     * {@code flow}'s number becomes the organization's default caller id, taken from the number that had it: one at
     * a time per organization, so concurrent registrations cannot leave two.
     */
    private void defaultCallerId(PhoneFlow flow, OffsetDateTime now) {
        Sql.of(em, "select cast(pg_advisory_xact_lock(hashtextextended(?1, 0)) as text)")
                .setParameter(1, "phone-flow-default/" + tenant.id())
                .getSingleResult();
        em.createNamedQuery(PhoneFlow.DEFAULT_CALLER_ID, PhoneFlow.class)
                .getResultList()
                .forEach(old -> old.defaultCallerId(old == flow, now));
        em.flush(); // the old default is cleared before the new one is set: one per organization (a unique index)
        flow.defaultCallerId(true, now);
    }

    /** @return how many numbers stopped answering with a flow (0 or 1) */
    public int unregister(String phoneNumber) {
        if (phoneNumber == null || phoneNumber.isBlank()) {
            throw BusinessException.invalid("phone_number", "is required");
        }
        String number = PhoneNumbers.toE164(phoneNumber.length() > 40 ? "" : phoneNumber, region)
                .orElseThrow(() -> BusinessException.invalid("phone_number", "is not a valid phone number"));
        var flow = find(number);
        flow.ifPresent(em::remove);
        return flow.isPresent() ? 1 : 0;
    }

    public Optional<PhoneFlow> find(String number) {
        return em.createNamedQuery(PhoneFlow.BY_NUMBER, PhoneFlow.class)
                .setParameter("number", number)
                .getResultStream()
                .findFirst();
    }
}
