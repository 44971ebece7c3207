package com.vocelio.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process's output, appended to its log file — never truncated, so a restart keeps the incident that caused
 * it — and rotated by size: past {@code maxBytes} the file becomes {@code <name>.1} (the older ones move up, the
 * oldest beyond {@code keep} goes). Also remembers what a start needs to know of this run's output: whether Payara
 * said it is ready, and its error lines.
 */
public final class ProcessLog implements Runnable {

    private static final int MAX_PROBLEMS = 40;

    private final InputStream from;
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final Charset charset = Charset.defaultCharset();
    private final List<String> problems = new ArrayList<>(); // guarded by this
    private volatile boolean startupFinished;
    private final boolean jsonLines;
    private OutputStream out;
    private long size;
    private final java.util.concurrent.CountDownLatch copied = new java.util.concurrent.CountDownLatch(1);

    ProcessLog(InputStream from, Path file, long maxBytes, int keep) {
        this(from, file, maxBytes, keep, false);
    }

    ProcessLog(InputStream from, Path file, long maxBytes, int keep, boolean jsonLines) {
        this.jsonLines = jsonLines;
        this.from = from;
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = Math.max(1, keep);
    }

    /** Starts copying {@code from} into {@code file} on a daemon thread, after a line that marks the start. */
    public static ProcessLog start(InputStream from, Path file, long maxBytes, int keep, String banner)
            throws IOException {
        return start(from, file, maxBytes, keep, banner, false);
    }

    /**
     * With {@code jsonLines}, every line written is a JSON object: what the process prints outside its logger (a
     * library writing to standard output, the JVM's own warnings) and the start banner are wrapped as the message of
     * one, in the field names of Payara's JSON log; blank lines are dropped.
     */
    public static ProcessLog start(
            InputStream from, Path file, long maxBytes, int keep, String banner, boolean jsonLines) throws IOException {
        var log = new ProcessLog(from, file, maxBytes, keep, jsonLines);
        log.open();
        log.write(banner);
        var thread = new Thread(log, "log " + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        return log;
    }

    @Override
    public void run() {
        try (var lines = new BufferedReader(new InputStreamReader(from, charset))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                remember(line);
                write(line);
            }
        } catch (IOException | UncheckedIOException e) {
            // the process ended or the disk refused: nothing left to copy
        } finally {
            close();
            copied.countDown();
        }
    }

    /**
     * Waits, at most {@code limit}, until the process's output is copied to its end: its last lines (a node's drain,
     * written as it stops) would otherwise be lost when the launcher exits right after the process.
     */
    public void awaitEnd(java.time.Duration limit) throws InterruptedException {
        copied.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Whether this run's output said Payara Micro is ready (it says so even when the deployment failed). */
    public boolean startupFinished() {
        return startupFinished;
    }

    /** This run's error lines, at most 40. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    private void remember(String line) {
        if (line.contains("Payara Micro") && line.contains("ready in")) {
            startupFinished = true;
        }
        if (line.contains("SEVERE") || line.contains("Exception") || line.contains("Caused by")) {
            synchronized (this) {
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add(line);
                }
            }
        }
    }

    synchronized void write(String line) {
        if (jsonLines && !line.startsWith("{")) {
            if (line.isBlank()) {
                return;
            }
            line = asJson(line);
        }
        byte[] bytes = (line + System.lineSeparator()).getBytes(charset);
        try {
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            out.flush();
            size += bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String asJson(String line) {
        var json = new StringBuilder(line.length() + 128)
                .append("{\"Timestamp\":\"")
                .append(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")))
                .append("\",\"Level\":\"INFO\",\"LoggerName\":\"stdout\",\"LogMessage\":\"");
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append("\"}").toString();
    }

    void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(keep));
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(numbered(n))) {
                Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
