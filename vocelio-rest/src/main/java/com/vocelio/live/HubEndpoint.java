package com.vocelio.live;

import jakarta.websocket.server.ServerEndpoint;

/** The portal's real-time hub ({@code /ws/dashboard}, {@code /ws/analytics}, {@code /ws/<session id>}): agent status, alerts, performance. */
@ServerEndpoint("/ws/{feed}")
public class HubEndpoint extends EventEndpoint {

    @Override
    SocketDialect dialect() {
        return SocketDialect.DASHBOARD;
    }
}
