/**
 * Live: the transport of events to clients as they happen — the WebSocket endpoints ({@code /ws}, {@code /ws/transfers},
 * the hub's) and the call event streams (SSE) — their wire formats, sign-in on a socket, and the one hold → replay →
 * release entry point both use ({@code LiveSubscriptions}) so a client that reconnects with {@code since} misses
 * nothing and sees nothing twice. Sits on top: it reads what it sends from the features below. Does not own the
 * events, the outbox or their delivery across nodes ({@code event}).
 */
package com.vocelio.live;
