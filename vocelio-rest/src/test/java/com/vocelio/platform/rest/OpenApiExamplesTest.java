package com.vocelio.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples file reads, and has what OpenApiIT then checks in the served document. */
class OpenApiExamplesTest {

    private final OpenApiExamples examples = OpenApiExamples.load();

    @Test
    void everyEntryIsKeyedByAMethodAndAPathAndHasAnExample() {
        assertTrue(examples.operations().size() >= 11, examples.operations().toString());
        for (String key : examples.operations()) {
            assertTrue(key.matches("(GET|POST|PUT|PATCH|DELETE) /\\S*"), key);
            String[] at = key.split(" ");
            var example = examples.of(at[0], at[1]).orElseThrow();
            assertTrue(example.request().isPresent() || example.response().isPresent(), key);
            assertTrue(example.status().matches("2\\d\\d"), key + ": " + example.status());
        }
    }

    @Test
    void theAnswersCarryTheContractsWrapperKey() {
        assertTrue(keysOf("GET", "/{api}departments").contains("departments"));
        assertTrue(keysOf("POST", "/transfer/request").contains("transfer_id"));
        assertTrue(keysOf("POST", "/auth/login-2fa").contains("user_info"));
        var lists = examples.of("GET", "/api/contacts/lists")
                .orElseThrow()
                .response()
                .orElseThrow();
        assertTrue(
                lists instanceof List<?> array
                        && array.get(0) instanceof Map<?, ?> list
                        && list.containsKey("contactCount"),
                "a bare array of lists: " + lists);
        assertTrue(examples.of("GET", "/nowhere").isEmpty());
    }

    @Test
    void theErrorExampleHasTheErrorShape() {
        var error = (Map<?, ?>) examples.error();
        assertEquals(false, error.get("success"));
        assertTrue(error.keySet().containsAll(List.of("error", "code", "message", "details")), error.toString());
    }

    @Test
    void numbersStayNumbers() {
        var tiers = (Map<?, ?>)
                examples.of("GET", "/tiers").orElseThrow().response().orElseThrow();
        var regular = (Map<?, ?>) ((Map<?, ?>) tiers.get("tiers")).get("regular");
        assertEquals(0.08, regular.get("price_per_minute"));
    }

    private List<String> keysOf(String method, String path) {
        var body =
                (Map<?, ?>) examples.of(method, path).orElseThrow().response().orElseThrow();
        return body.keySet().stream().map(Object::toString).toList();
    }
}
