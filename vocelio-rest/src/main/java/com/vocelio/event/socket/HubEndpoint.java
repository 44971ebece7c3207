package com.vocelio.event.socket;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** The portal's real-time hub ({@code /ws/dashboard}, {@code /ws/analytics}, {@code /ws/<session id>}): agent status, alerts, performance. */
@ServerEndpoint("/ws/{feed}")
public class HubEndpoint {

    @Inject
    Sockets sockets;

    @OnOpen
    public void open(Session session) {
        sockets.open(session, Dialect.DASHBOARD);
    }

    @OnMessage
    public void message(Session session, String text) {
        sockets.message(session, text);
    }

    @OnClose
    public void close(Session session) {
        sockets.closed(session);
    }

    @OnError
    public void error(Session session, Throwable cause) {
        sockets.closed(session);
    }
}
