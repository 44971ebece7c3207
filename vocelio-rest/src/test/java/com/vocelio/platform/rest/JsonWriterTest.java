package com.vocelio.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.agent.rest.AgentView;
import com.vocelio.analytics.rest.CallLogView;
import com.vocelio.call.rest.ActiveCallView;
import com.vocelio.department.rest.DepartmentView;
import com.vocelio.identity.rest.SessionView;
import com.vocelio.identity.rest.UserView;
import com.vocelio.platform.control.Jsons;
import com.vocelio.transfer.rest.TransferView;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our JSON writer says what JSON-B (Yasson, snake_case) says, for every view the API answers with. */
public class JsonWriterTest {

    private static void sameAsJsonb(Object value) {
        JsonValue ours = parse(JsonWriter.toJson(value));
        JsonValue jsonb = parse(JsonbConfiguration.JSONB.toJson(value));
        assertEquals(jsonb, ours, () -> "for " + value);
    }

    private static JsonValue parse(String json) {
        try (var reader = Jsons.reader(json)) {
            return reader.readValue();
        }
    }

    /** Every view the API answers with. */
    static List<Class<?>> views() {
        return List.of(
                DepartmentView.class,
                AgentView.class,
                TransferView.class,
                CallLogView.class,
                ActiveCallView.class,
                UserView.class,
                SessionView.class,
                ErrorBody.class);
    }

    @ParameterizedTest
    @MethodSource("views")
    void everyViewFilledInReadsTheSame(Class<?> view) throws Exception {
        Object filled = sample(view, true);
        sameAsJsonb(filled);
        sameAsJsonb(Envelope.of("items", List.of(filled, filled)).with("total", 2));
    }

    @ParameterizedTest
    @MethodSource("views")
    void everyViewWithItsReferencesNullReadsTheSame(Class<?> view) throws Exception {
        sameAsJsonb(sample(view, false));
    }

    @Test
    void scalarsMapsAndCollectionsReadTheSame() {
        var map = new LinkedHashMap<String, Object>();
        map.put("null_value", null);
        map.put("float", 0.1f);
        map.put("double", 2.5);
        map.put("big", new BigDecimal("12.30"));
        map.put("instant", Instant.parse("2026-12-03T07:00:00.123Z"));
        map.put("offset", OffsetDateTime.of(2026, 12, 3, 7, 0, 0, 5_000, ZoneOffset.ofHours(2)));
        map.put("date", LocalDate.of(2026, 12, 3));
        map.put("unit", TimeUnit.SECONDS);
        map.put("camelCaseKey", List.of(1, 2L, "three", true));
        map.put("nested", Map.of("a", List.of(Map.of("b", 1))));
        map.put("present", Optional.of("x"));
        map.put("array", new String[] {"a", "b"});
        map.put("with_null", new ArrayList<>(java.util.Arrays.asList("a", null)));
        sameAsJsonb(map);
        sameAsJsonb(List.of(map, Map.of()));
    }

    public record Names(int id, int phoneNumber, int maxQueueLength, int aB, int line1Address, int someURL, int x_y) {}

    @Test
    void anAnswerWrittenOnceIsTheBytesTheWriterStreams() throws Exception {
        var envelope = Envelope.of("departments", List.of(sample(DepartmentView.class, true), "ü ✓"));
        var streamed = new java.io.ByteArrayOutputStream();
        new JsonWriter.Maps().writeTo(envelope, Envelope.class, Envelope.class, null, null, null, streamed);
        assertEquals(true, java.util.Arrays.equals(streamed.toByteArray(), JsonWriter.toUtf8(envelope)));
    }

    @Test
    void namesAreSnakeCaseAsJsonbMakesThem() {
        sameAsJsonb(new Names(1, 2, 3, 4, 5, 6, 7));
        assertEquals("phone_number", JsonWriter.snakeCase("phoneNumber"));
        assertEquals("some_url", JsonWriter.snakeCase("someURL"));
    }

    /** The view with a value for every component (or, with {@code filled} false, null wherever null can go). */
    static Object sample(Class<?> type, boolean filled) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType(), components[i].getName(), filled);
        }
        var constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

    private static Object value(Type type, String name, boolean filled) throws Exception {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == int.class) {
            return 7;
        } else if (raw == long.class) {
            return 8L;
        } else if (raw == double.class) {
            return 1.25;
        } else if (raw == boolean.class) {
            return true;
        } else if (!filled) {
            return null;
        } else if (raw == String.class) {
            return name + " value";
        } else if (raw == OffsetDateTime.class) {
            return OffsetDateTime.of(2026, 12, 3, 7, 19, 7, 144_955_000, ZoneOffset.UTC);
        } else if (raw == jakarta.json.JsonObject.class) {
            return Jsons.objectBuilder()
                    .add("mon", "09:00-17:00")
                    .add("open", true)
                    .build();
        } else if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return List.of(value(element, name, true), value(element, name + "2", true));
        } else if (raw.isRecord()) {
            return sample(raw, true);
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        } else if (raw == Map.class) {
            return new HashMap<>(Map.of("k", "v"));
        }
        throw new IllegalArgumentException("no sample for " + type + " (" + name + ")");
    }
}
