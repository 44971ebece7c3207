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
    private static final java.util.concurrent.ScheduledThreadPoolExecutor WATCHDOG = watchdog();

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
     * A 2xx answer whose body is read as it arrives (streamed synthesis). The time limit covers the headers, and then
     * each read of the body: a provider that stalls mid-stream has its connection closed, which ends the read.
     */
    public InputStream stream(String provider, HttpRequest request) {
        HttpResponse<InputStream> response = send(provider, request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            throw refused(provider, response.statusCode(), response.body());
        }
        return new StallGuard(response.body());
    }

    /** Closes the body when a read waits longer than the timeout. */
    private final class StallGuard extends java.io.FilterInputStream {

        StallGuard(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws java.io.IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            var guard = WATCHDOG.schedule(this::closeQuietly, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return super.read(buffer, offset, length);
            } finally {
                guard.cancel(false);
            }
        }

        private void closeQuietly() {
            try {
                close();
            } catch (java.io.IOException e) {
                // closed is closed
            }
        }
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

    private static java.util.concurrent.ScheduledThreadPoolExecutor watchdog() {
        var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, runnable -> {
            var thread = new Thread(runnable, "speech-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // one timer per read: cancelled ones must not pile up
        return executor;
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
