package com.vocelio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLogTest {

    @TempDir
    Path dir;

    private ProcessLog pump(Path file, String output, long maxBytes, int keep) throws Exception {
        var log = new ProcessLog(
                new ByteArrayInputStream(output.getBytes(Charset.defaultCharset())), file, maxBytes, keep);
        log.open();
        log.run();
        return log;
    }

    @Test
    void jsonLogsWrapWhatThePrintedOutsideTheLoggerAndDropBlankLines() throws Exception {
        Path file = dir.resolve("payara.log");
        var log = new ProcessLog(
                new ByteArrayInputStream("{\"LogMessage\":\"logged\"}\nUPDATE SUMMARY \"x\" \\ \t\n\n"
                        .getBytes(Charset.defaultCharset())),
                file,
                1_000_000,
                2,
                true);
        log.open();
        log.run();
        var lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("{\"LogMessage\":\"logged\"}", lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"Timestamp\":\""), lines.get(1));
        assertTrue(
                lines.get(1)
                        .endsWith(
                                "\"LoggerName\":\"stdout\",\"LogMessage\":\"UPDATE SUMMARY \\\"x\\\" \\\\ \\u0009\"}"),
                lines.get(1));
    }

    @Test
    void aRestartAppendsToTheLogInsteadOfErasingIt() throws Exception {
        Path file = dir.resolve("logs/payara.log");
        pump(file, "the incident\n", 1_000_000, 3);
        pump(file, "after the restart\n", 1_000_000, 3);
        var lines = Files.readAllLines(file);
        assertEquals("the incident", lines.get(0));
        assertEquals("after the restart", lines.get(1));
    }

    @Test
    void pastItsSizeTheLogRotatesKeepingTheNewestFiles() throws Exception {
        Path file = dir.resolve("payara.log");
        var output = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            output.append("line ").append(i).append(" of a busy day\n"); // ~24 bytes a line
        }
        pump(file, output.toString(), 250, 2);
        assertTrue(Files.size(file) <= 250, "the current file stays under the limit");
        assertTrue(Files.exists(dir.resolve("payara.log.1")));
        assertTrue(Files.exists(dir.resolve("payara.log.2")));
        assertFalse(Files.exists(dir.resolve("payara.log.3")), "only two older files are kept");
        var newest = Files.readAllLines(file);
        assertEquals("line 99 of a busy day", newest.get(newest.size() - 1));
        var older = Files.readAllLines(dir.resolve("payara.log.1"));
        String lastOfOlder = older.get(older.size() - 1);
        assertEquals(
                Integer.parseInt(newest.get(0).split(" ")[1]) - 1,
                Integer.parseInt(lastOfOlder.split(" ")[1]),
                "payara.log.1 ends where payara.log begins");
    }

    @Test
    void remembersOnlyThisRunsReadinessAndProblems() throws Exception {
        Path file = dir.resolve("payara.log");
        Files.writeString(file, "Payara Micro 6 ready in 9000 (ms)\nSEVERE: an old failure\n");
        var quiet = pump(file, "starting\n", 1_000_000, 3);
        assertFalse(quiet.startupFinished(), "an earlier run's ready line is not this run's");
        assertTrue(quiet.problems().isEmpty());
        var ready = pump(file, "SEVERE: deployment failed\nPayara Micro 6 ready in 9000 (ms)\n", 1_000_000, 3);
        assertTrue(ready.startupFinished());
        assertEquals(1, ready.problems().size());
    }
}
