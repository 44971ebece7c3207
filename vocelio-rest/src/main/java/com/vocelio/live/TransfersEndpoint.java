package com.vocelio.live;

import jakarta.websocket.server.ServerEndpoint;

/** The seed guide's transfer board: every transfer and agent event, and {@code transfer_status} counts. */
@ServerEndpoint("/ws/transfers")
public class TransfersEndpoint extends EventEndpoint {

    @Override
    SocketDialect dialect() {
        return SocketDialect.TRANSFERS;
    }
}
