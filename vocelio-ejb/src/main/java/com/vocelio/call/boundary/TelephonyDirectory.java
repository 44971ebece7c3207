package com.vocelio.call.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * Whose is it: a provider's request names a call sid or one of our numbers, never an organization. These lookups
 * run before any organization is bound (native SQL, deliberately across organizations); the work itself then runs in
 * the organization found.
 */
@Stateless
@UnitOfWork
@UnitOfWork.BeforeSignIn
public class TelephonyDirectory {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    public Optional<String> organizationOfCall(String provider, String callSid) {
        return first(
                "select cast(tenant_id as text) from calls where call_id = ?1 and provider = ?2 limit 1",
                callSid,
                provider);
    }

    /** The organization whose call is in the transfer conference {@code name} (Twilio's conference events name it). */
    public Optional<String> organizationOfConference(String provider, String name) {
        return first(
                "select cast(tenant_id as text) from calls where conference_name = ?1 and provider = ?2 limit 1",
                name,
                provider);
    }

    public Optional<String> organizationOfNumber(String e164) {
        return first("select cast(tenant_id as text) from phone_flows where phone_number = ?1", e164, null);
    }

    private Optional<String> first(String sql, String first, String second) {
        if (first == null || first.isBlank() || first.length() > 100) {
            return Optional.empty();
        }
        var query = Sql.of(em, sql).setParameter(1, first.strip());
        if (second != null) {
            query.setParameter(2, second);
        }
        return query.getResultStream().findFirst().map(Object::toString);
    }
}
