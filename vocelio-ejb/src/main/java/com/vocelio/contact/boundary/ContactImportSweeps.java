package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ContactTallies;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One organization's housekeeping of imports: its stale jobs (pending or processing without a heartbeat for {@code
 * vocelio.contacts.import.stale-after}) are handed to new runs, which resume them from their checkpoints; its
 * contact tallies are folded when they have grown.
 */
@Stateless
@UnitOfWork
public class ContactImportSweeps {

    static final int JOBS_PER_SWEEP = 20;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    Clock clock;

    @Inject
    ContactImports imports;

    @Inject
    ContactTallies tallies;

    @Inject
    @ConfigProperty(name = "vocelio.contacts.import.stale-after", defaultValue = "PT60S")
    Duration staleAfter;

    /** @return how many jobs were handed to a run */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sweep() {
        // SKIP LOCKED: another node's sweep of the same moment takes other jobs, not these
        @SuppressWarnings("unchecked")
        List<String> stale = Sql.of(
                        em,
                        """
                        select cast(id as text) from contact_imports
                        where tenant_id = cast(?1 as uuid) and status in ('pending', 'processing')
                          and coalesce(heartbeat_at, created_at) < cast(?2 as timestamptz)
                        order by created_at limit ?3 for update skip locked""")
                .setParameter(1, tenant.id())
                .setParameter(2, Clocks.now(clock).minus(staleAfter).toString())
                .setParameter(3, JOBS_PER_SWEEP)
                .getResultList();
        stale.forEach(imports::resume);
        if (tallies.deltas() > ContactTallies.FOLD_PAST) {
            tallies.fold();
        }
        return stale.size();
    }
}
