package com.vocelio.omnichannel.rest;

import com.vocelio.analytics.boundary.ActivityReports;
import com.vocelio.analytics.entity.Activity;
import com.vocelio.analytics.entity.Window;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Periods;
import com.vocelio.platform.rest.Caller;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hub's performance figures (contract §7.1), from the caller's calls and transfers: sessions are calls, the
 * response time is the average wait from a transfer request to a human (seconds), the improvement is the change in
 * sessions against the period before. Customer satisfaction is not measured, so it is not sent (the hub shows its
 * own default). Without a token: zeros.
 */
@Path("analytics")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class HubAnalyticsResource {

    @Inject
    Clock clock;

    @Inject
    ActivityReports reports;

    @Inject
    ChannelCatalog catalog;

    @Inject
    Caller caller;

    @GET
    @Path("dashboard")
    public Envelope dashboard(@QueryParam("range") String range) {
        Duration period = Periods.parse("range", range, "24h");
        var figures = figures(period);
        Activity now = figures.get("current");
        return Envelope.of("range", range == null || range.isBlank() ? "24h" : range.strip())
                .with("totalSessions", now.calls())
                .with("activeSessions", now.liveCalls())
                .with("activeChannels", catalog.activeChannels())
                .with("responseTime", now.averageWaitSeconds())
                .with("improvement", now.callChangeSince(figures.get("previous")))
                .with(
                        "channelMetrics",
                        Map.of(
                                ChannelCatalog.VOICE,
                                Map.of(
                                        "sessions", now.calls(),
                                        "activeSessions", now.liveCalls(),
                                        "responseTime", now.averageWaitSeconds(),
                                        "transfers", now.transfersRequested(),
                                        "transfersCompleted", now.transfersCompleted(),
                                        "conversionRate", now.conversionRate())))
                .with("trends", trends(period));
    }

    @GET
    @Path("channel-performance")
    public Envelope channelPerformance(@QueryParam("channel") String channel, @QueryParam("range") String range) {
        Duration period = Periods.parse("range", range, "7d");
        String name = channel == null || channel.isBlank()
                ? ChannelCatalog.VOICE
                : channel.strip().toLowerCase(Locale.ROOT);
        if (!catalog.known(name)) {
            throw BusinessException.invalid(
                    "channel", "must be one of " + String.join(", ", ChannelCatalog.CHANNELS.keySet()));
        }
        boolean served = catalog.enabled(name);
        Activity now = served ? figures(period).get("current") : Activity.NONE;
        return Envelope.of("channel", name)
                .with("timeRange", range == null || range.isBlank() ? "7d" : range.strip())
                .with(
                        "metrics",
                        Map.of(
                                "totalSessions", now.calls(),
                                "avgResponseTime", now.averageWaitSeconds(),
                                "resolutionRate", now.conversionRate(),
                                "transfers", now.transfersRequested(),
                                "transfersCompleted", now.transfersCompleted()))
                .with("hourlyData", served ? trends(period) : List.of());
    }

    private Map<String, Activity> figures(Duration period) {
        if (!caller.signedIn()) {
            return Map.of("current", Activity.NONE, "previous", Activity.NONE);
        }
        Instant now = clock.instant();
        return reports.over(List.of(Window.last("current", period, now), Window.previous("previous", period, now)));
    }

    /** Sessions per hour up to a day, per day beyond. */
    private List<Map<String, Object>> trends(Duration period) {
        if (!caller.signedIn()) {
            return List.of();
        }
        String bucket = period.compareTo(Duration.ofDays(1)) <= 0 ? "hour" : "day";
        return reports.callsPer(bucket, period).stream()
                .map(point ->
                        Map.<String, Object>of("timestamp", point.getKey().toString(), "sessions", point.getValue()))
                .toList();
    }
}
