package com.vocelio.identity.control;

import com.vocelio.platform.control.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Refused sign-ins on this node, counted at once (the refused sign-in rolls back: there is no commit to wait for):
 * failures by method and reason, and sign-ins refused because the email or address is locked out (429).
 */
@ApplicationScoped
public class LoginMetrics {

    /** How a caller signs in. */
    public enum Method {
        PASSWORD,
        API_KEY;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Inject
    Metrics metrics;

    private final Map<String, Metrics.Count> failures = new ConcurrentHashMap<>();
    private final Map<Method, Metrics.Count> throttled = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        for (Method method : Method.values()) {
            throttled.put(
                    method,
                    metrics.counter(
                            "vocelio.login.throttled",
                            "Sign-ins refused with 429 because the email or address is locked out",
                            new Tag("method", method.tag())));
        }
        failed(Method.PASSWORD, "invalid_credentials", false);
        failed(Method.API_KEY, "invalid_api_key", false);
    }

    /** @param reason the refusal's error code: a handful of fixed values, never caller input */
    public void failed(Method method, String reason) {
        failed(method, reason, true);
    }

    private void failed(Method method, String reason, boolean count) {
        var counter = failures.computeIfAbsent(
                method.tag() + '/' + reason,
                key -> metrics.counter(
                        "vocelio.login.failures",
                        "Refused sign-ins (wrong password, unknown email or API key, wrong two-factor code)",
                        new Tag("method", method.tag()),
                        new Tag("reason", reason)));
        if (count) {
            counter.add();
        }
    }

    public void throttled(Method method) {
        throttled.get(method).add();
    }
}
