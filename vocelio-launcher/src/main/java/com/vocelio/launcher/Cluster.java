package com.vocelio.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The Payara Micro nodes of {@code ./vocelio run}, started side by side and stopped together: each gets SIGTERM at
 * the same time (so they drain at the same time rather than one after the other) and is waited for.
 */
final class Cluster implements AutoCloseable {

    private final List<PayaraMicroProcess> nodes = new ArrayList<>();
    private final List<CompletableFuture<PayaraMicroProcess>> starting = new ArrayList<>();

    /** Starts a node in the background; {@link #awaitStarted} waits for it to answer. */
    synchronized void start(PayaraMicroProcess.Options options, Map<String, String> environment) {
        var start = CompletableFuture.supplyAsync(() -> {
            try {
                return PayaraMicroProcess.start(options, environment);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        starting.add(start.thenApply(node -> {
            synchronized (this) {
                nodes.add(node);
            }
            return node;
        }));
    }

    /** Waits for every node started so far; the first failure is thrown (the others keep running until closed). */
    void awaitStarted() throws Exception {
        List<CompletableFuture<PayaraMicroProcess>> pending;
        synchronized (this) {
            pending = List.copyOf(starting);
        }
        Exception failure = null;
        for (var start : pending) {
            try {
                start.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
                if (failure == null) {
                    failure = cause instanceof Exception ex ? ex : new IllegalStateException(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The nodes that started, by port. */
    synchronized List<PayaraMicroProcess> nodes() {
        return nodes.stream()
                .sorted(java.util.Comparator.comparingInt(PayaraMicroProcess::port))
                .toList();
    }

    boolean allAlive() {
        return nodes().stream().allMatch(PayaraMicroProcess::isAlive);
    }

    /** Stops every node at once and waits for them all; a node still starting is waited for, then stopped. */
    @Override
    public void close() {
        List<CompletableFuture<PayaraMicroProcess>> pending;
        synchronized (this) {
            pending = List.copyOf(starting);
        }
        CompletableFuture.allOf(pending.stream()
                        .map(start -> start.handle((node, failed) -> node).thenAcceptAsync(node -> {
                            if (node != null) {
                                try {
                                    node.close();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }))
                        .toArray(CompletableFuture[]::new))
                .join();
    }
}
