package com.vocelio.console.departments;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Jsons;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A department's business hours as the editor shows them, a row per weekday, and as the department keeps them:
 * {@code {"monday":{"open":"09:00","close":"17:00"}, ...}}. A day with no times is closed (absent from the JSON);
 * keys other than the weekdays (a time zone, say) are kept as they were.
 */
public class BusinessHours implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One weekday's row; empty times mean closed. */
    public static class Day implements Serializable {

        private static final long serialVersionUID = 1L;

        private final DayOfWeek day;
        private String opens;
        private String closes;

        Day(DayOfWeek day, String opens, String closes) {
            this.day = day;
            this.opens = opens;
            this.closes = closes;
        }

        public String getKey() {
            return day.name().toLowerCase(Locale.ROOT);
        }

        public String getLabel() {
            return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }

        public String getOpens() {
            return opens;
        }

        public void setOpens(String opens) {
            this.opens = opens;
        }

        public String getCloses() {
            return closes;
        }

        public void setCloses(String closes) {
            this.closes = closes;
        }
    }

    private final List<Day> days = new ArrayList<>();
    private final String others;

    private BusinessHours(String others) {
        this.others = others;
    }

    static BusinessHours of(JsonObject stored) {
        var others = Json.createObjectBuilder();
        stored.forEach((key, value) -> {
            if (!isWeekday(key)) {
                others.add(key, value);
            }
        });
        var hours = new BusinessHours(others.build().toString());
        for (DayOfWeek day : DayOfWeek.values()) {
            JsonValue value = stored.get(day.name().toLowerCase(Locale.ROOT));
            JsonObject times = value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
            hours.days.add(new Day(day, text(times, "open"), text(times, "close")));
        }
        return hours;
    }

    /**
     * What the department keeps. A day with one time only, a time that is not {@code HH:mm}, or a day that closes
     * before it opens is refused, naming the day ({@code business_hours}).
     */
    JsonObject toJson() {
        JsonObjectBuilder json;
        try (var reader = Jsons.reader(others)) {
            json = Json.createObjectBuilder(reader.readObject());
        }
        for (Day day : days) {
            String opens = blankToNull(day.opens);
            String closes = blankToNull(day.closes);
            if (opens == null && closes == null) {
                continue; // closed
            }
            if (opens == null || closes == null) {
                throw BusinessException.invalid(
                        "business_hours", day.getLabel() + " needs an opening and a closing time");
            }
            LocalTime open = time(day, opens);
            LocalTime close = time(day, closes);
            if (!close.isAfter(open)) {
                throw BusinessException.invalid("business_hours", day.getLabel() + " closes before it opens");
            }
            json.add(
                    day.getKey(),
                    Json.createObjectBuilder().add("open", open.toString()).add("close", close.toString()));
        }
        return json.build();
    }

    public List<Day> getDays() {
        return days;
    }

    private static LocalTime time(Day day, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid(
                    "business_hours", day.getLabel() + ": '" + value + "' is not a time like 09:00");
        }
    }

    private static boolean isWeekday(String key) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().toLowerCase(Locale.ROOT).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonObject object, String key) {
        return object.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
