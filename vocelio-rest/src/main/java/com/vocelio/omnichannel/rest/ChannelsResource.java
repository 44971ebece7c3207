package com.vocelio.omnichannel.rest;

import com.vocelio.analytics.boundary.ActivityReports;
import com.vocelio.analytics.entity.Activity;
import com.vocelio.analytics.entity.Window;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's {@code GET /channels/integrations} (contract §7.1), polled from every page without a token: any answer
 * but 2xx JSON crashes the whole portal, so it always answers. Voice carries the caller's live figures when a token
 * comes with the request; without one, zeros.
 */
@Path("channels")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    @Inject
    Clock clock;

    @Inject
    ChannelCatalog catalog;

    @Inject
    ActivityReports reports;

    @Inject
    Caller caller;

    @GET
    @Path("integrations")
    public Envelope integrations() {
        Activity voice = caller.signedIn()
                ? reports.over(List.of(Window.last("day", Duration.ofDays(1), clock.instant())))
                        .get("day")
                : Activity.NONE;
        var integrations = new LinkedHashMap<String, Object>();
        ChannelCatalog.CHANNELS.forEach((channel, name) -> {
            boolean enabled = catalog.enabled(channel);
            Activity activity = enabled ? voice : Activity.NONE;
            var integration = new LinkedHashMap<String, Object>();
            integration.put("id", channel);
            integration.put("channel", channel);
            integration.put("type", channel);
            integration.put("name", name);
            integration.put("enabled", enabled);
            integration.put("status", enabled ? "active" : "inactive");
            integration.put("configuration", catalog.configuration(channel));
            integration.put("rate_limits", Map.of());
            integration.put("activeCount", activity.liveCalls());
            integration.put(
                    "metrics",
                    Map.of(
                            "active_sessions", activity.liveCalls(),
                            "responseTime", activity.averageWaitSeconds(),
                            "avgResponseTime", activity.averageWaitSeconds(),
                            "successRate", activity.conversionRate()));
            integrations.put(channel, integration);
        });
        return Envelope.of("integrations", integrations).with("active_channels", catalog.activeChannels());
    }
}
