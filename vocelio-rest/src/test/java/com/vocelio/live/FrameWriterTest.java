package com.vocelio.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Away from Tyrus (whose raw writes the ITs exercise on Payara), a socket gets standard text sends. */
class FrameWriterTest {

    private final List<String> sent = new ArrayList<>();
    private SendResult result = new SendResult();

    private Session session() {
        var remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        sent.add((String) args[0]);
                        ((SendHandler) args[1]).onResult(result);
                        return null;
                    }
                    throw new AssertionError("the writer must not call " + method.getName());
                });
        return (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> remote;
                    case "getNegotiatedExtensions" -> List.of();
                    default -> throw new AssertionError("the writer must not call " + method.getName());
                });
    }

    @Test
    void sendsTextWhereTheContainerIsNotTyrus() throws Exception {
        var writer = FrameWriter.of(session());

        assertFalse(writer.writesFrames());
        writer.write(new WireMessage("{\"type\":\"pong\"}"))
                .toCompletableFuture()
                .get();
        assertEquals(List.of("{\"type\":\"pong\"}"), sent);
    }

    @Test
    void aFailedSendFailsItsStage() {
        result = new SendResult(new IOException("broken pipe"));
        var writer = FrameWriter.of(session());

        var failure = assertThrows(
                ExecutionException.class,
                () -> writer.write(new WireMessage("{}")).toCompletableFuture().get());
        assertEquals("broken pipe", failure.getCause().getMessage());
    }
}
