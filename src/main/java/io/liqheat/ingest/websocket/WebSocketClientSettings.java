package io.liqheat.ingest.websocket;

import java.time.Duration;

/**
 * @param maxMessageBytes the largest message accepted, fragments added up; a larger one fails the
 *     connection with close code 1009
 * @param connectTimeout how long the TCP (and TLS) connection may take to open
 * @param handshakeTimeout how long the server may take to answer the upgrade request
 * @param closeTimeout how long a close we started waits for the server's close before the socket is dropped
 */
public record WebSocketClientSettings(int maxMessageBytes, Duration connectTimeout, Duration handshakeTimeout,
    Duration closeTimeout) {}
