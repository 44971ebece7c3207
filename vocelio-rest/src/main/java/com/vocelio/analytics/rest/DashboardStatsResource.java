package com.vocelio.analytics.rest;

import com.vocelio.analytics.boundary.ActivityReports;
import com.vocelio.analytics.entity.Activity;
import com.vocelio.analytics.entity.Window;
import com.vocelio.identity.boundary.Accounts;
import com.vocelio.platform.rest.Caller;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The home dashboard's {@code GET /dashboard/stats} (contract §7.2), from the caller's calls and transfers: totals,
 * calls live now, the conversion (transfers completed over requested, in percent), and the same for today and this
 * week, counted from midnight and from Monday in the organization's time zone. Appointments, revenue and ROI are not
 * known to this backend and are not sent. The dashboard often asks without a token: then all figures are zero.
 */
@Path("dashboard")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DashboardStatsResource {

    @Inject
    Clock clock;

    @Inject
    ActivityReports reports;

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @GET
    @Path("stats")
    public Envelope stats() {
        Map<String, Activity> figures;
        ZoneId zone = ZoneOffset.UTC;
        if (caller.signedIn()) {
            Instant now = clock.instant();
            zone = accounts.current().zone();
            figures = reports.over(List.of(Window.allTime(now), Window.today(now, zone), Window.thisWeek(now, zone)));
        } else {
            figures = Map.of("all", Activity.NONE, "today", Activity.NONE, "week", Activity.NONE);
        }
        Activity all = figures.get("all");
        return Envelope.of("totalCalls", all.calls())
                .with("activeCalls", all.liveCalls())
                .with("conversionRate", all.conversionRate())
                .with("transfersRequested", all.transfersRequested())
                .with("transfersCompleted", all.transfersCompleted())
                .with("averageWaitSeconds", all.averageWaitSeconds())
                .with("today", period(figures.get("today")))
                .with("week", period(figures.get("week")))
                .with("timezone", zone.getId());
    }

    private static Map<String, Object> period(Activity activity) {
        return Map.of(
                "calls", activity.calls(),
                "transfersRequested", activity.transfersRequested(),
                "transfersCompleted", activity.transfersCompleted(),
                "conversionRate", activity.conversionRate(),
                "averageWaitSeconds", activity.averageWaitSeconds());
    }
}
