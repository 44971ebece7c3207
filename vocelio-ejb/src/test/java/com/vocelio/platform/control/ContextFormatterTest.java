package com.vocelio.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextFormatterTest {

    @AfterEach
    void leaveNoContext() {
        LogContext.requestId(null);
        LogContext.organization(null);
    }

    @Test
    void plainLinesOutsideWorkAreTheServersOwn() {
        var record = record(Level.INFO, "Schema up to date in {0} ms", 12);
        var server = new SimpleFormatter();
        assertEquals(server.format(record), new ContextFormatter(server, false).format(record));
    }

    @Test
    void plainLinesInsideARequestNameItAndItsOrganizationBeforeTheFilledInMessage() {
        LogContext.requestId("req-1");
        LogContext.organization("42");
        String line =
                new ContextFormatter(new SimpleFormatter(), false).format(record(Level.INFO, "Signed in: user {0}", 7));
        assertTrue(line.contains("[requestId: req-1] [organizationId: 42] Signed in: user 7"), line);
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheContextAndTheStackTraceInside() {
        LogContext.requestId("req-2");
        var record = record(Level.WARNING, "two\nlines \"quoted\" \u0001");
        record.setThrown(new IllegalStateException("boom"));
        String line = new ContextFormatter(new SimpleFormatter(), true).format(record);
        assertTrue(line.endsWith("}\n"), line);
        assertEquals(1, line.split("\n", -1).length - 1, "one line: " + line);
        JsonObject json = Jsons.reader(line).readObject();
        assertEquals("req-2", json.getString("RequestId"));
        assertFalse(json.containsKey("OrganizationId"));
        assertEquals("WARNING", json.getString("Level"));
        assertEquals("two\nlines \"quoted\" \u0001", json.getString("LogMessage"));
        assertEquals("com.vocelio.test", json.getString("LoggerName"));
        assertTrue(json.getJsonObject("Throwable").getString("StackTrace").contains("boom"));
    }

    @Test
    void contextIsPutBackByTheWorkThatSetIt() {
        String before = LogContext.organization("1");
        assertEquals(null, before);
        assertEquals("1", LogContext.organization("2"));
        assertEquals("2", LogContext.organization(null));
        assertEquals(null, LogContext.organization());
    }

    private static LogRecord record(Level level, String message, Object... parameters) {
        var record = new LogRecord(level, message);
        record.setLoggerName("com.vocelio.test");
        record.setParameters(parameters);
        return record;
    }
}
