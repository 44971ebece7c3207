package com.vocelio.live;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The threads that push messages out to sockets, one per core: the relay only queues. Plain pool threads made once by
 * the container's thread factory, since a managed executor captures the caller's context on every submission, which
 * costs more than the send itself. Also the class-loader workaround every standard send goes through ({@link #lean}).
 */
@ApplicationScoped
public class SenderThreads implements Executor {

    /**
     * A class loader that sees nothing but the JDK. Payara's managed scheduler — which Tyrus uses to restart a session's
     * idle timer on every send — looks up thread-context providers with a ServiceLoader over the thread's context
     * class loader each time: over the application's it scans every jar of the server (most of a send's cost,
     * measured with thread dumps under 1,000 sockets); over this one it scans none.
     */
    private static final ClassLoader LEAN = new URLClassLoader(new URL[0], null);

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        int size = Math.max(2, Runtime.getRuntime().availableProcessors());
        pool = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    /** Runs a send with the lean context class loader (see {@link #LEAN}). */
    public static <T> T lean(Supplier<T> send) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LEAN);
        try {
            return send.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
