package io.liqheat.http;

/** The body of a healthy {@code /health/live} or {@code /health/ready} answer. */
public record HealthStatus(String status) {}
