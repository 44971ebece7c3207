package com.vocelio.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reading what the application logged. */
public final class Logs {

    private Logs() {}

    /** The log's lines that contain {@code text}, waiting up to five seconds for one to be written. */
    public static List<String> linesWith(Path log, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            var found = lines(log).stream().filter(line -> line.contains(text)).toList();
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    /** The log's lines since its last start banner (what this run of that node wrote). */
    public static List<String> thisRun(Path log) {
        var all = lines(log);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).contains("starting Payara Micro on port")) {
                return all.subList(i + 1, all.size());
            }
        }
        return all;
    }

    public static List<String> lines(Path log) {
        try {
            // ISO-8859-1 reads any bytes: a log line is searched, not judged, here
            return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
