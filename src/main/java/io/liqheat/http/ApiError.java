package io.liqheat.http;

/** The body of every error answer: a stable machine-readable code and a message for people. */
public record ApiError(String error, String message) {}
