package com.vocelio.platform.control;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.persistence.config.EntityManagerProperties;

/**
 * The one place that says which organization the current work belongs to: the {@code tenant_id} claim of the
 * caller's verified access token, or, for work no request carries (start-up, sweeps), the organization named by
 * {@link #runAs}. Fails closed: without an organization nothing runs.
 */
@ApplicationScoped
public class CurrentTenant {

    public static final String CLAIM = "tenant_id";
    private static final ThreadLocal<String> SYSTEM_WORK = new ThreadLocal<>();

    @Inject
    Instance<JsonWebToken> token;

    public String id() {
        String tenant = SYSTEM_WORK.get();
        if (tenant == null) {
            tenant = fromToken();
        }
        if (tenant == null || tenant.isBlank()) {
            throw new BusinessException(
                    BusinessException.Kind.UNAUTHENTICATED, "unauthenticated", "Sign in: this needs an access token");
        }
        return tenant;
    }

    /** Runs work that no request carries in the given organization. */
    public <T> T runAs(String tenantId, Supplier<T> work) {
        String previous = SYSTEM_WORK.get();
        SYSTEM_WORK.set(tenantId);
        String loggedBefore = LogContext.organization(tenantId);
        try {
            return work.get();
        } finally {
            LogContext.organization(loggedBefore);
            if (previous == null) {
                SYSTEM_WORK.remove();
            } else {
                SYSTEM_WORK.set(previous);
            }
        }
    }

    /** Binds an entity manager's transaction to an organization: EclipseLink filters and fills tenant_id from it. */
    public static void bind(EntityManager em, String tenantId) {
        em.setProperty(EntityManagerProperties.MULTITENANT_PROPERTY_DEFAULT, tenantId);
    }

    private String fromToken() {
        try {
            if (token.isUnsatisfied()) {
                return null;
            }
            Object claim = token.get().getClaim(CLAIM);
            return claim == null ? null : claim.toString().replace("\"", "");
        } catch (ContextNotActiveException noRequest) {
            return null;
        }
    }
}
