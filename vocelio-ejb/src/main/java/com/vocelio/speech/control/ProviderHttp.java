package com.vocelio.speech.control;

import com.vocelio.platform.control.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one HTTP client of the speech providers. Every call is bounded by {@code vocelio.speech.timeout} as a whole
 * (headers and body: a provider that stalls mid-answer must not hold a request either), and every failure becomes a
 * {@link ProviderFailure} that names the provider and says what happened, without the provider's body at length.
 */
@ApplicationScoped
public class ProviderHttp {

    private static final int QUOTED_BODY = 200;

    @Inject
    @ConfigProperty(name = "vocelio.speech.timeout", defaultValue = "PT15S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "vocelio.speech.connect-timeout", defaultValue = "PT3S")
    Duration connectTimeout;

    private HttpClient client;

    @PostConstruct
    void open() {
        client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(java.net.URI.create(url)).timeout(timeout);
    }

    /** The body of a 2xx answer. */
    public byte[] bytes(String provider, HttpRequest request) {
        HttpResponse<byte[]> response = send(provider, request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw refused(provider, response.statusCode(), new ByteArrayInputStream(response.body()));
        }
        return response.body();
    }

    public JsonValue json(String provider, HttpRequest request) {
        byte[] body = bytes(provider, request);
        try (var reader = Jsons.reader(new String(body, StandardCharsets.UTF_8))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new ProviderFailure(provider, "answered something that is not JSON", e);
        }
    }

    /**
     * A 2xx answer whose body is read as it arrives (streamed synthesis). The time limit covers the headers; the
     * caller reads the body.
     */
    public InputStream stream(String provider, HttpRequest request) {
        HttpResponse<InputStream> response = send(provider, request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            throw refused(provider, response.statusCode(), response.body());
        }
        return response.body();
    }

    private <T> HttpResponse<T> send(String provider, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        var pending = client.sendAsync(request, body);
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new ProviderFailure(provider, "did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) { // the request's own limit, the same
                throw new ProviderFailure(provider, "did not answer within " + timeout.toMillis() + " ms", e);
            }
            throw new ProviderFailure(
                    provider, "cannot be reached (" + e.getCause().getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderFailure(provider, "was interrupted", e);
        }
    }

    private static ProviderFailure refused(String provider, int status, InputStream body) {
        String quoted;
        try (body) {
            quoted = new String(body.readNBytes(QUOTED_BODY), StandardCharsets.UTF_8)
                    .replaceAll("\\p{Cntrl}", " ")
                    .strip();
        } catch (java.io.IOException e) {
            quoted = "";
        }
        return new ProviderFailure(provider, "answered HTTP " + status + (quoted.isEmpty() ? "" : " (" + quoted + ")"));
    }
}
