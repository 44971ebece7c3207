package com.vocelio.platform.rest;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The examples of the OpenAPI document, in one resource file ({@code openapi-examples.json}) keyed by
 * {@code "METHOD path"} as the document writes the path, with the contract row each one comes from: one place to
 * keep them in step with the contract, instead of annotations spread over the resources. {@code "error"} is the
 * example of the error shape, every operation's default answer.
 */
final class OpenApiExamples {

    static final String FILE = "openapi-examples.json";
    static final String ERROR = "error";

    /** One operation's examples: the request body's, and the answer's with its status; either may be absent. */
    record Example(Optional<Object> request, String status, Optional<Object> response) {}

    private final JsonObject entries;

    private OpenApiExamples(JsonObject entries) {
        this.entries = entries;
    }

    static OpenApiExamples load() {
        try (InputStream in = OpenApiExamples.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing next to " + OpenApiExamples.class.getName());
            }
            try (var reader = Json.createReader(in)) {
                return new OpenApiExamples(reader.readObject());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code method} upper case ("GET"), {@code path} as in the document ("/{api}departments"). */
    Optional<Example> of(String method, String path) {
        JsonObject entry = entries.getJsonObject(method + " " + path);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new Example(
                Optional.ofNullable(entry.get("request")).map(OpenApiExamples::plain),
                entry.getString("status", "200"),
                Optional.ofNullable(entry.get("response")).map(OpenApiExamples::plain)));
    }

    Object error() {
        return plain(entries.getJsonObject(ERROR).get("body"));
    }

    /** Every "METHOD path" key (not "error" nor "_about"). */
    Set<String> operations() {
        var keys = new TreeSet<>(entries.keySet());
        keys.removeIf(key -> !key.contains(" "));
        return keys;
    }

    /**
     * Maps, lists, strings, numbers, booleans and null: what the OpenAPI writer turns into JSON and YAML (it knows
     * nothing of JSON-P values).
     */
    static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                var map = new LinkedHashMap<String, Object>();
                value.asJsonObject().forEach((key, item) -> map.put(key, plain(item)));
                yield map;
            }
            case ARRAY ->
                value.asJsonArray().stream().map(OpenApiExamples::plain).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                yield number.isIntegral() ? (Object) number.longValueExact() : (Object) number.doubleValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }
}
