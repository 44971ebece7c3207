package com.vocelio.live;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;

/** What every event socket path does; a subclass names its path ({@code @ServerEndpoint}) and its dialect. */
public abstract class EventEndpoint {

    @Inject
    Sockets sockets;

    abstract SocketDialect dialect();

    @OnOpen
    public void open(Session session) {
        sockets.open(session, dialect());
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
