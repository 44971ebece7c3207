package com.vocelio.live;

import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts a message on one socket. On Tyrus (the WebSocket implementation of Payara Micro and Server) it writes the
 * message's ready-made frame straight to the connection: a standard {@code sendText} would encode the text and frame
 * it again for every socket one event goes to, and reschedule the session's idle timer through the container's
 * managed scheduler on every send — together most of the cost of fanning one event out to a thousand sockets.
 * Anywhere else, or when the client negotiated an extension (which would have to transform the frame), it sends text
 * the standard way.
 *
 * <p>Outgoing frames written this way do not count as activity for Tyrus's idle timeout; Vocelio sets none (clients
 * keep their sockets with {@code ping} / {@code heartbeat}, which do count).
 */
final class FrameWriter {

    private static final Logger LOG = Logger.getLogger(FrameWriter.class.getName());

    /** The connection behind a Tyrus remote endpoint, and its raw write; empty where there is no such thing. */
    private record Raw(MethodHandle connection, MethodHandle write) {}

    /**
     * The remote endpoint class last looked at and what it offers. Not a {@code ClassValue} on the container's class:
     * that would hold this application's classes, and its class loader, past a redeployment.
     */
    private record Resolved(Class<?> remoteType, Optional<Raw> raw) {}

    private static volatile Resolved resolved;

    private final Session session;
    private final Object connection; // Tyrus's TyrusWebSocket, or null: send text
    private final MethodHandle write;

    private FrameWriter(Session session, Object connection, MethodHandle write) {
        this.session = session;
        this.connection = connection;
        this.write = write;
    }

    static FrameWriter of(Session session) {
        if (session.getNegotiatedExtensions().isEmpty()) {
            var remote = session.getAsyncRemote();
            Optional<Raw> raw = rawFor(remote.getClass());
            if (raw.isPresent()) {
                try {
                    Object connection = raw.get().connection().invoke(remote);
                    if (connection != null) {
                        return new FrameWriter(session, connection, raw.get().write());
                    }
                } catch (Throwable e) {
                    LOG.log(Level.FINE, "No raw frame writes for this socket; sending text", e);
                }
            }
        }
        return new FrameWriter(session, null, null);
    }

    boolean writesFrames() {
        return connection != null;
    }

    /** Sends the message; the stage completes when the connection took it. */
    CompletionStage<?> write(WireMessage message) {
        if (connection == null) {
            return sendText(message.text());
        }
        try {
            return (CompletionStage<?>) write.invoke(connection, ByteBuffer.wrap(message.frame()));
        } catch (Throwable e) { // a closed connection throws here
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<?> sendText(String text) {
        var sent = new CompletableFuture<Void>();
        try {
            SenderThreads.lean(() -> {
                session.getAsyncRemote().sendText(text, result -> {
                    if (result.isOK()) {
                        sent.complete(null);
                    } else {
                        sent.completeExceptionally(result.getException());
                    }
                });
                return null;
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }

    private static Optional<Raw> rawFor(Class<?> remoteType) {
        Resolved known = resolved;
        if (known == null || known.remoteType() != remoteType) {
            known = new Resolved(remoteType, raw(remoteType));
            resolved = known;
        }
        return known.raw();
    }

    /**
     * Tyrus's remote endpoints hold their connection in a field {@code webSocket} whose {@code sendRawFrame} writes
     * bytes as they are and returns a {@code CompletableFuture}. Looked up once per remote endpoint class.
     */
    private static Optional<Raw> raw(Class<?> remoteType) {
        try {
            for (Class<?> type = remoteType; type != null; type = type.getSuperclass()) {
                if (!type.getName().startsWith("org.glassfish.tyrus.")) {
                    continue;
                }
                Field field;
                try {
                    field = type.getDeclaredField("webSocket");
                } catch (NoSuchFieldException e) {
                    continue;
                }
                field.setAccessible(true);
                var sendRawFrame = field.getType().getMethod("sendRawFrame", ByteBuffer.class);
                var futures = Class.forName(
                        "org.glassfish.tyrus.core.TyrusFuture",
                        false,
                        field.getType().getClassLoader());
                if (!CompletionStage.class.isAssignableFrom(futures)) {
                    break;
                }
                var lookup = MethodHandles.lookup();
                LOG.info("WebSocket messages are written as ready-made frames (" + type.getName() + ")");
                return Optional.of(new Raw(lookup.unreflectGetter(field), lookup.unreflect(sendRawFrame)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "WebSocket messages go out as text: no raw frame writes on " + remoteType, e);
        }
        return Optional.empty();
    }
}
