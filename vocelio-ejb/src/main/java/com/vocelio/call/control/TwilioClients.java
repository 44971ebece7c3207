package com.vocelio.call.control;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;

/**
 * The one Twilio REST client of the application. {@code @Singleton}, not a normal scope: the SDK's class has no
 * constructor a proxy could use. The SDK cannot be told another base URL (region and edge only rename Twilio's
 * hosts), so when {@code vocelio.twilio.api-base} is set every request is routed to that host instead, with the
 * SDK's paths, form parameters and Basic auth unchanged: what a fake Twilio in the tests checks.
 */
@ApplicationScoped
public class TwilioClients {

    @Inject
    TwilioSettings settings;

    @Produces
    @Singleton
    TwilioRestClient client() {
        String sid =
                settings.accountSid().orElseThrow(() -> new IllegalStateException("TWILIO_ACCOUNT_SID is not set"));
        String token =
                settings.authToken().orElseThrow(() -> new IllegalStateException("TWILIO_AUTH_TOKEN is not set"));
        var builder = new TwilioRestClient.Builder(sid, token);
        settings.apiBase().ifPresent(base -> {
            URI uri = URI.create(base);
            var host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
            builder.httpClient(new NetworkHttpClient(
                    HttpClientBuilder.create().setRoutePlanner((target, context) -> new HttpRoute(host))));
        });
        return builder.build();
    }
}
