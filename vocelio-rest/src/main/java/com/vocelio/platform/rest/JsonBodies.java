package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Set;

/**
 * Strict JSON from outside — request bodies, read once before JSON-B binds them, and the text messages of the
 * sockets: valid UTF-8; one value and nothing after it; an object where one is expected; at most {@value #MAX_DEPTH}
 * levels; numbers that fit the fields they land in; strings and names without control characters (tab and line
 * breaks aside). JSON-B alone would bind {@code [{…}]} as the object, skip what follows the object, and wrap an
 * oversized integer; JSON-P alone reads {@code {…} xxx} as the object, and a number of 1,200 digits or a nesting 1,000
 * deep makes it throw unchecked exceptions that are no {@code JsonException}.
 */
public final class JsonBodies {

    static final int MAX_DEPTH = 32;

    /**
     * What a JSON text is and the numbers it may hold. A body's numbers land in {@code int} and {@code double} fields;
     * a socket message's in event ids, which are {@code long}s. Either way the exponent stays small: turning
     * {@code 1e-999999999} into an integer would compute ten to the billionth power.
     */
    private record Shape(String noun, BigDecimal maxNumber, int maxDigits) {}

    private static final Shape BODY = new Shape("body", BigDecimal.valueOf(Integer.MAX_VALUE), 15);
    private static final Shape MESSAGE = new Shape("message", BigDecimal.valueOf(Long.MAX_VALUE), 19);
    private static final int MAX_SCALE = 30;
    private static final Set<Class<? extends Annotation>> NOT_THE_BODY = Set.of(
            PathParam.class,
            QueryParam.class,
            HeaderParam.class,
            CookieParam.class,
            MatrixParam.class,
            FormParam.class,
            BeanParam.class,
            Context.class,
            Suspended.class);

    private JsonBodies() {}

    /** Whether the resource method binds its body to an object type (not a list, a string or raw JSON). */
    static boolean expectsObject(Method method) {
        if (method == null) {
            return false;
        }
        for (Parameter parameter : method.getParameters()) {
            boolean annotated = false;
            for (Annotation annotation : parameter.getAnnotations()) {
                annotated |= NOT_THE_BODY.contains(annotation.annotationType());
            }
            if (!annotated) {
                Class<?> type = parameter.getType();
                return !(Collection.class.isAssignableFrom(type)
                        || type.isArray()
                        || type.isPrimitive()
                        || type == String.class
                        || type == Object.class
                        || JsonValue.class.isAssignableFrom(type)
                                && !type.getSimpleName().equals("JsonObject"));
            }
        }
        return false;
    }

    /**
     * A socket's text message as a JSON object, judged as a body is (the socket has decoded its UTF-8 already).
     *
     * @throws BusinessException {@code INVALID}, naming the field where there is one
     */
    public static JsonObject message(String text) {
        if (text.isBlank()) {
            throw malformed("malformed_json", "Malformed JSON message: expected a JSON object");
        }
        check(text, true, MESSAGE);
        try (var reader = Jsons.reader(text)) {
            return reader.readObject(); // checked above: one object, within every limit
        }
    }

    static void check(byte[] body, boolean objectExpected) {
        String text = Texts.utf8(body, 0, body.length)
                .orElseThrow(() -> malformed("invalid_encoding", "Request body is not valid UTF-8"));
        if (text.isBlank()) {
            return; // no body: the endpoint says whether it needs one
        }
        check(text, objectExpected, BODY);
    }

    private static void check(String text, boolean objectExpected, Shape shape) {
        try (JsonParser parser = Jsons.parser(text)) { // Json.createParser looks the provider up on every call
            walk(parser, objectExpected, shape);
        } catch (JsonParsingException e) {
            throw malformed(
                    "malformed_json",
                    "Malformed JSON " + shape.noun() + " at line "
                            + e.getLocation().getLineNumber() + ", column "
                            + e.getLocation().getColumnNumber());
        } catch (java.util.NoSuchElementException | jakarta.json.JsonException e) {
            throw malformed("malformed_json", "Malformed JSON " + shape.noun());
        }
    }

    private static void walk(JsonParser parser, boolean objectExpected, Shape shape) {
        Deque<String> path = new ArrayDeque<>(); // the name or [index] of each open level
        Deque<int[]> indexes = new ArrayDeque<>();
        boolean first = true;
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            if (first) {
                first = false;
                if (objectExpected && event != JsonParser.Event.START_OBJECT && event != JsonParser.Event.VALUE_NULL) {
                    throw malformed("malformed_json", "Malformed JSON " + shape.noun() + ": expected a JSON object");
                }
            }
            if (!indexes.isEmpty() && indexes.peek()[0] >= 0 && event != JsonParser.Event.END_ARRAY) {
                path.pop();
                path.push("[" + indexes.peek()[0]++ + "]");
            }
            switch (event) {
                case START_OBJECT, START_ARRAY -> {
                    if (indexes.size() >= MAX_DEPTH) {
                        throw malformed(
                                "malformed_json",
                                "Malformed JSON " + shape.noun() + ": nested deeper than " + MAX_DEPTH + " levels");
                    }
                    boolean array = event == JsonParser.Event.START_ARRAY;
                    indexes.push(new int[] {array ? 0 : -1});
                    path.push(array ? "[-]" : "");
                }
                case END_OBJECT, END_ARRAY -> {
                    indexes.pop();
                    path.pop();
                }
                case KEY_NAME -> {
                    if (!Texts.isPlain(parser.getString())) {
                        throw BusinessException.invalid(name(path, "?"), "has a name with control characters");
                    }
                    path.pop();
                    path.push(parser.getString());
                }
                case VALUE_STRING -> {
                    if (!Texts.isText(parser.getString())) {
                        throw BusinessException.invalid(name(path, null), "must not contain control characters");
                    }
                }
                case VALUE_NUMBER -> {
                    if (!fits(parser, shape)) {
                        throw BusinessException.invalid(name(path, null), "is out of range");
                    }
                }
                default -> {
                    // true, false, null
                }
            }
            if (indexes.isEmpty() && parser.hasNext()) {
                parser.next(); // Parsson refuses what follows the value here
                throw malformed("malformed_json", "Malformed JSON " + shape.noun() + ": text after the JSON value");
            }
        }
    }

    private static boolean fits(JsonParser parser, Shape shape) {
        BigDecimal number;
        try {
            number = parser.getBigDecimal();
        } catch (UnsupportedOperationException e) {
            return false; // Parsson refuses numbers of more than 1,100 characters
        }
        return Math.abs((long) number.scale()) <= MAX_SCALE
                && number.precision() <= shape.maxDigits()
                && number.abs().compareTo(shape.maxNumber()) <= 0;
    }

    /** The field as the client wrote it: {@code skills[2]}, {@code business_hours.monday}. */
    private static String name(Deque<String> path, String last) {
        var name = new StringBuilder();
        var levels = path.descendingIterator();
        while (levels.hasNext()) {
            String level = levels.next();
            if (level.isEmpty()) {
                continue;
            }
            if (!level.startsWith("[") && name.length() > 0) {
                name.append('.');
            }
            name.append(level);
        }
        if (last != null) {
            name.append(name.length() > 0 ? "." : "").append(last);
        }
        return name.length() == 0 ? "body" : name.toString();
    }

    private static BusinessException malformed(String code, String message) {
        return new BusinessException(BusinessException.Kind.INVALID, code, message);
    }
}
