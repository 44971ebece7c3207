package com.vocelio.platform.rest;

import java.util.LinkedHashMap;

/**
 * A success body: {@code {"success":true, "<key>": value, ...}}. The portal reads named wrapper keys
 * ({@code departments}, {@code agent}, ...) and needs a JSON body on every success, DELETE included.
 */
public final class Envelope extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    private Envelope() {
        put("success", true);
    }

    public static Envelope of(String key, Object value) {
        return new Envelope().with(key, value);
    }

    public Envelope with(String key, Object value) {
        put(key, value);
        return this;
    }
}
