package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.identity.control.Secrets;
import com.vocelio.identity.entity.ApiKey;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/** The keys machines sign in with: only service users get them, and a key is shown once, kept only as its hash. */
@Stateless
@UnitOfWork
public class ApiKeys {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Users users;

    @Inject
    Clock clock;

    /** @return the key, shown this once */
    public String create(String userId, String name) {
        var user = users.get(userId);
        if (user.role() != Role.SERVICE) {
            throw BusinessException.invalid("user", "API keys are for users of role service");
        }
        String key = Secrets.newSecret("vak_");
        em.persist(new ApiKey(
                user.id(), Checks.requiredText("name", name, 100), key, Secrets.sha256(key), Clocks.now(clock)));
        return key;
    }
}
