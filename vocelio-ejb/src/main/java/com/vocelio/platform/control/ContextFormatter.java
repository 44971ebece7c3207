package com.vocelio.platform.control;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The server's log lines with the {@link LogContext} of the work that logged them. Plain: the server's own format
 * (Payara's ODL), with {@code [requestId: …] [organizationId: …]} in front of the message of a line logged inside a
 * request or an organization's work. JSON: one object per line, in the field names of Payara's own
 * {@code JSONLogFormatter} (which formats the lines logged before the application starts, see the launcher) plus
 * {@code RequestId} and {@code OrganizationId}; a stack trace is a string inside the line, never lines of its own.
 */
public final class ContextFormatter extends Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final Formatter plain;
    private final boolean json;

    /**
     * @param plain the handler's own formatter, which formats plain lines
     * @param json whether lines are JSON objects
     */
    public ContextFormatter(Formatter plain, boolean json) {
        this.plain = plain;
        this.json = json;
    }

    /** The handler's formatter this one wraps, to put back when the application stops. */
    public Formatter plain() {
        return plain;
    }

    @Override
    public String format(LogRecord record) {
        String requestId = LogContext.requestId();
        String organization = LogContext.organization();
        if (json) {
            return json(record, requestId, organization);
        }
        if (requestId == null && organization == null) {
            return plain.format(record);
        }
        var prefix = new StringBuilder(96);
        if (requestId != null) {
            prefix.append("[requestId: ").append(requestId).append("] ");
        }
        if (organization != null) {
            prefix.append("[organizationId: ").append(organization).append("] ");
        }
        // the message is localized and its parameters filled in first (a prefixed key would find no text), by the
        // standard formatMessage: the server formatter's own formats the whole line
        var copy = new LogRecord(record.getLevel(), prefix + formatMessage(record));
        copy.setLoggerName(record.getLoggerName());
        copy.setInstant(record.getInstant());
        copy.setSequenceNumber(record.getSequenceNumber());
        copy.setSourceClassName(record.getSourceClassName());
        copy.setSourceMethodName(record.getSourceMethodName());
        copy.setLongThreadID(record.getLongThreadID());
        copy.setThrown(record.getThrown());
        return plain.format(copy);
    }

    private String json(LogRecord record, String requestId, String organization) {
        var line = new StringBuilder(256).append('{');
        field(line, "Timestamp", TIMESTAMP.format(record.getInstant()));
        field(line, "Level", record.getLevel().getName());
        field(line, "LoggerName", record.getLoggerName());
        field(line, "ThreadID", Long.toString(record.getLongThreadID()));
        field(line, "ThreadName", Thread.currentThread().getName());
        field(line, "TimeMillis", Long.toString(record.getMillis()));
        field(line, "LevelValue", Integer.toString(record.getLevel().intValue()));
        field(line, "RequestId", requestId);
        field(line, "OrganizationId", organization);
        field(line, "LogMessage", formatMessage(record));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            var trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            line.append(",\"Throwable\":{");
            field(line, "Exception", String.valueOf(thrown));
            field(line, "StackTrace", trace.toString());
            line.append('}');
        }
        return line.append("}\n").toString();
    }

    /** {@code "name":"value"}, after a comma unless it opens its object; nothing for a null value. */
    private static void field(StringBuilder line, String name, String value) {
        if (value == null) {
            return;
        }
        if (line.charAt(line.length() - 1) != '{') {
            line.append(',');
        }
        line.append('"').append(name).append("\":\"");
        escape(line, value);
        line.append('"');
    }

    static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
