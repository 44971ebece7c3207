package com.vocelio.platform.rest;

import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes our answers — envelopes (maps), records, lists — as JSON-B would with {@link JsonbConfiguration}: record
 * components by their snake_case names in lexicographic order, null components left out, null map values and list
 * elements written as {@code null}, times in ISO-8601, enums by name. It reads each record's components once per
 * class and calls their accessors directly; Yasson resolves a serializer and adapts a method handle per value, which
 * was a fifth of the CPU of a list answer. Any value of a type not listed here is written by JSON-B itself.
 *
 * <p>One writer per kind of answer — maps (every {@link Envelope}), records, collections — each declared for its
 * type: Jersey prefers the writer declared for the nearer type, and ranks two writers for the same type in no fixed
 * order. Declared for {@code Object}, this writer tied with Jersey's JSON-B writer and was chosen in some runs of the
 * application and not in others (seen when a record it alone writes specially came out as JSON-B writes it).
 */
public abstract class JsonWriter<T> implements MessageBodyWriter<T> {

    /** Maps: every {@link Envelope}. */
    @Provider
    @Produces({MediaType.APPLICATION_JSON, "application/*+json"})
    public static final class Maps extends JsonWriter<Map<?, ?>> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return Map.class.isAssignableFrom(type);
        }
    }

    /** Records: views and error bodies. */
    @Provider
    @Produces({MediaType.APPLICATION_JSON, "application/*+json"})
    public static final class Records extends JsonWriter<Record> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return type.isRecord();
        }
    }

    /** Collections: the portal's bare arrays. */
    @Provider
    @Produces({MediaType.APPLICATION_JSON, "application/*+json"})
    public static final class Lists extends JsonWriter<Collection<?>> {
        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return Collection.class.isAssignableFrom(type);
        }
    }

    private static final JsonGeneratorFactory GENERATORS = Jsons.generators();

    /** Times as JSON-B writes them. */
    private static final Map<Class<?>, DateTimeFormatter> ISO = Map.of(
            OffsetDateTime.class, DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            Instant.class, DateTimeFormatter.ISO_INSTANT,
            LocalDate.class, DateTimeFormatter.ISO_LOCAL_DATE,
            LocalDateTime.class, DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            ZonedDateTime.class, DateTimeFormatter.ISO_ZONED_DATE_TIME);

    /** A record component as it is written: its JSON name and its accessor. */
    private record Property(String name, Method accessor) {}

    private static final ClassValue<Property[]> PROPERTIES = new ClassValue<>() {
        @Override
        protected Property[] computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(JsonWriter::property)
                    .sorted(Comparator.comparing(Property::name))
                    .toArray(Property[]::new);
        }
    };

    private static Property property(RecordComponent component) {
        Method accessor = component.getAccessor();
        accessor.setAccessible(true); // records nested in package-private or private types
        return new Property(snakeCase(component.getName()), accessor);
    }

    /**
     * JSON-B's LOWER_CASE_WITH_UNDERSCORES as Yasson applies it: an underscore before an upper-case letter that
     * follows a lower-case one ({@code someURL} → {@code some_url}, {@code line1Address} → {@code line1address}).
     */
    static String snakeCase(String name) {
        var out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1))) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    @Override
    public void writeTo(
            T entity,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders,
            OutputStream entityStream) {
        // the stream Jersey hands writers ignores close(): closing the generator only flushes it
        try (JsonGenerator json = GENERATORS.createGenerator(entityStream, StandardCharsets.UTF_8)) {
            write(json, entity);
        }
    }

    /**
     * The entity as the bytes {@link #writeTo} would send, for an answer written once and sent again as it is. Sent
     * as {@code byte[]}, Jersey's own byte writer sends them: no JSON writer takes a byte array, so none can be
     * chosen over it (for a record, Jersey's JSON-B writer was chosen over this one in some runs and not in others).
     */
    public static byte[] toUtf8(Object entity) {
        return toJson(entity).getBytes(StandardCharsets.UTF_8);
    }

    /** The entity as JSON text: what {@link #writeTo} would send. */
    public static String toJson(Object entity) {
        var text = new java.io.StringWriter();
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            write(json, entity);
        }
        return text.toString();
    }

    static void write(JsonGenerator json, Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.write(text);
        } else if (value instanceof Boolean bool) {
            json.write(bool);
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            json.write(((Number) value).longValue());
        } else if (value instanceof Double number) {
            json.write(number);
        } else if (value instanceof Float number) {
            json.write(new BigDecimal(number.toString()));
        } else if (value instanceof BigDecimal number) {
            json.write(number);
        } else if (value instanceof BigInteger number) {
            json.write(number);
        } else if (value instanceof Enum<?> constant) {
            json.write(constant.name());
        } else if (value instanceof JsonValue jsonValue) {
            json.write(jsonValue);
        } else if (value instanceof TemporalAccessor time && ISO.containsKey(time.getClass())) {
            json.write(ISO.get(time.getClass()).format(time));
        } else if (value instanceof UUID || value instanceof Character) {
            json.write(value.toString());
        } else if (value instanceof Optional<?> optional) {
            write(json, optional.orElse(null));
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (var entry : map.entrySet()) {
                json.writeKey(String.valueOf(entry.getKey()));
                write(json, entry.getValue());
            }
            json.writeEnd();
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item);
            }
            json.writeEnd();
        } else if (value instanceof Object[] items) {
            write(json, Arrays.asList(items));
        } else if (value instanceof Record) {
            json.writeStartObject();
            for (Property property : PROPERTIES.get(value.getClass())) {
                Object component = read(property, value);
                if (component != null && !(component instanceof Optional<?> optional && optional.isEmpty())) {
                    json.writeKey(property.name());
                    write(json, component);
                }
            }
            json.writeEnd();
        } else {
            json.write(byJsonb(value));
        }
    }

    private static Object read(Property property, Object record) {
        try {
            return property.accessor().invoke(record);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + property.name() + " of " + record.getClass(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "Reading " + property.name() + " of " + record.getClass() + " failed", e.getCause());
        }
    }

    /** The rare value of another type, as JSON-B writes it. */
    private static JsonValue byJsonb(Object value) {
        try (var reader = Jsons.reader(JsonbConfiguration.JSONB.toJson(value))) {
            return reader.readValue();
        }
    }
}
