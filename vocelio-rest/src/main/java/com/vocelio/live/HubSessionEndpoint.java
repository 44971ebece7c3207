package com.vocelio.live;

import jakarta.websocket.server.ServerEndpoint;

/** The hub under {@code /ws/{endpoint}/{session id}}, as the portal's provider builds it. */
@ServerEndpoint("/ws/{feed}/{session}")
public class HubSessionEndpoint extends EventEndpoint {

    @Override
    SocketDialect dialect() {
        return SocketDialect.DASHBOARD;
    }
}
