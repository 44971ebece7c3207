package com.vocelio.call.boundary;

import com.vocelio.call.control.TwilioSettings;
import com.vocelio.platform.boundary.SchemaMigrator;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.OrganizationClock;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Every second, hangs up the warm transfers' AI legs whose line's end was never heard of in time, and cues the
 * lines of AI legs whose conference's start was never reported ({@link AiLegs#overdue}): the fallbacks when the node
 * holding a leg's stream never hears the mark's echo (the stream went, the node went) and when Twilio's
 * conference-start callback is lost. Only a node with the Twilio account can hang a leg up; safe on many (SKIP LOCKED).
 */
@Singleton
public class AiLegClock {

    private static final Logger LOG = Logger.getLogger(AiLegClock.class.getName());

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    AiLegs legs;

    @Inject
    TwilioSettings settings;

    @Inject
    CurrentTenant tenant;

    private final OrganizationClock clock = new OrganizationClock("AI leg hand-offs", LOG);

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!settings.configured()) {
            return;
        }
        clock.tick(
                dataSource,
                "select distinct cast(tenant_id as text) from calls where (ai_leg_leave_at <= now()"
                        + " or ai_leg_cue_by <= now()) and provider = 'twilio'",
                tenant,
                legs::overdue);
    }
}
