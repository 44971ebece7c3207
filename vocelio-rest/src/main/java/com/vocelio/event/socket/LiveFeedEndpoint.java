package com.vocelio.event.socket;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** The portal's live feed: the channels a client subscribes to ({@code live_call}, {@code queue}, …), by department. */
@ServerEndpoint("/ws")
public class LiveFeedEndpoint {

    @Inject
    Sockets sockets;

    @OnOpen
    public void open(Session session) {
        sockets.open(session, Dialect.LIVE);
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
