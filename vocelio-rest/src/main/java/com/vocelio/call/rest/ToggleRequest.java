package com.vocelio.call.rest;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The body of mute and hold: {@code {"muted": true}} (or {@code mute}, {@code on_hold}, {@code hold}), a boolean.
 * No body, or none of these fields, toggles.
 */
final class ToggleRequest {

    private ToggleRequest() {}

    /** @return the state asked for, or null to toggle */
    static Boolean read(String body, String... fields) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonObject json;
        try (var reader = Jsons.reader(body)) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw BusinessException.invalid("body", "must be a JSON object");
        }
        for (String field : fields) {
            if (json.containsKey(field)) {
                JsonValue value = json.get(field);
                if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                    return value == JsonValue.TRUE;
                }
                throw BusinessException.invalid(field, "must be true or false");
            }
        }
        return null;
    }
}
