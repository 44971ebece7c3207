package com.vocelio.live;

import com.vocelio.event.entity.StoredEvent;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One server-sent event stream: its events, each with its id so that a reconnecting EventSource resumes after
 * {@code Last-Event-ID}, go through a send queue to the sink. An SSE write blocks while the client does not read, so
 * a stream sends from the container's pool, not the sender threads. A comment every 20 s keeps it open through
 * proxies; it ends when the client falls too far behind, sending fails, or its token expires.
 */
final class CallEventStream extends ResumableSubscriber {

    private final SendQueue<OutboundSseEvent> queue;
    private final SseEventSink sink;
    private final Sse sse;
    private final Executor executor;
    private final Function<StoredEvent, String> format;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private CallEventStream(
            String tenantId,
            SendQueue<OutboundSseEvent> queue,
            SseEventSink sink,
            Sse sse,
            Executor executor,
            Function<StoredEvent, String> format) {
        super(tenantId, queue);
        this.queue = queue;
        this.sink = sink;
        this.sse = sse;
        this.executor = executor;
        this.format = format;
    }

    /** @param format an event's data on this stream; null for what it does not carry */
    static CallEventStream open(
            String tenantId,
            SseEventSink sink,
            Sse sse,
            LiveSubscriptions subscriptions,
            Function<StoredEvent, String> format) {
        Executor executor = subscriptions.executor();
        var queue = new SendQueue<OutboundSseEvent>(subscriptions.queueCapacity(), executor) {
            @Override
            protected CompletionStage<?> transmit(OutboundSseEvent event) {
                return sink.send(event);
            }

            @Override
            protected void overflowed() {
                executor.execute(sink::close);
            }

            @Override
            protected void failed(Throwable cause) {
                executor.execute(sink::close);
            }
        };
        return new CallEventStream(tenantId, queue, sink, sse, executor, format);
    }

    /** Data without an id: what opens the stream. */
    void send(String data) {
        queue.send(sse.newEventBuilder().data(data).build());
    }

    /** Keeps the stream open through proxies, and unsubscribes it once it has ended. */
    Future<?> keepAlive(LiveSubscriptions subscriptions) {
        return subscriptions
                .scheduler()
                .scheduleAtFixedRate(
                        () -> {
                            if (!isOpen()) {
                                subscriptions.end(this);
                                throw new IllegalStateException("stream ended"); // stops this schedule
                            }
                            queue.send(
                                    sse.newEventBuilder().comment("keep-alive").build());
                        },
                        20,
                        20,
                        TimeUnit.SECONDS);
    }

    @Override
    protected void emit(StoredEvent event) {
        String data = format.apply(event);
        if (data != null) {
            queue.send(sse.newEventBuilder()
                    .id(Long.toString(event.id()))
                    .data(data)
                    .build());
        }
    }

    @Override
    protected boolean isOpen() {
        return !queue.isClosed() && !sink.isClosed();
    }

    @Override
    protected void cutOff() {
        queue.close();
        executor.execute(() -> {
            try {
                sink.close();
            } finally {
                ended.complete(null);
            }
        });
    }

    /** Completes once the stream was cut off and its sink closed. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    protected void unavailable() {
        cutOff();
    }

    @Override
    public void dropped() {
        cutOff();
    }
}
