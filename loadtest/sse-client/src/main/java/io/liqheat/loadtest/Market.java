package io.liqheat.loadtest;

/** One market as {@code GET /api/v1/markets} lists it: what a stream path needs. */
record Market(String id, String baseAsset) {}
