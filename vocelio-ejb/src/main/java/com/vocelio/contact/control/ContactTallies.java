package com.vocelio.contact.control;

import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The organization's and each list's contacts by status, without counting them: the database's statement triggers
 * (changeset 018) add a delta row per changing statement to {@code contact_tallies}, a read sums the scope's few
 * rows (through {@code contact_tally} and {@code contact_tally_scopes}, changeset 039, which read them by index however
 * large a burst of deltas left the table), and {@link #fold} replaces a scope's deltas by their sum so that stays a few.
 */
@Dependent
public class ContactTallies {

    /**
     * Contacts by status in one scope; {@code generation} changes whenever a contact joins or leaves the scope (and
     * sometimes when none did). It is the highest delta number with the number of deltas: a delta committed late
     * with a lower number still changes the count, and a fold, which lowers the count, adds a higher number.
     */
    public record Tally(long active, long inactive, String generation) {

        public long total() {
            return active + inactive;
        }

        /** How many have this status (null: any). */
        public long of(String status) {
            return status == null ? total() : status.equals("active") ? active : inactive;
        }
    }

    /** Deltas of one organization past which the sweep folds them. */
    public static final int FOLD_PAST = 200;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    /** @param listId a list of this organization, or null for all its contacts */
    public Tally of(String listId) {
        Object[] row = (Object[]) Sql.of(em, "select * from contact_tally(cast(?1 as uuid), cast(?2 as uuid))")
                .setParameter(1, tenant.id())
                .setParameter(2, listId)
                .getSingleResult();
        return new Tally(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2]);
    }

    /** How many delta rows the organization has (the sweep folds past {@link #FOLD_PAST}). */
    public long deltas() {
        return ((Number) Sql.of(em, "select coalesce(sum(deltas), 0) from contact_tally_scopes(cast(?1 as uuid))")
                        .setParameter(1, tenant.id())
                        .getSingleResult())
                .longValue();
    }

    /**
     * One row per scope instead of its deltas. Concurrent writers are not held up (they only insert); a concurrent
     * reader sees the deltas or their sum, the same numbers.
     */
    public void fold() {
        Sql.of(
                        em,
                        """
                        with gone as (delete from contact_tallies where tenant_id = cast(?1 as uuid)
                                      returning list_id, active, inactive)
                        insert into contact_tallies (tenant_id, list_id, active, inactive)
                        select cast(?1 as uuid), list_id, sum(active), sum(inactive) from gone
                        where list_id is null or exists (select 1 from contact_lists l where l.id = gone.list_id)
                        group by list_id""")
                .setParameter(1, tenant.id())
                .executeUpdate();
    }
}
