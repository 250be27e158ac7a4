package io.liqheat.model;

/**
 * One row of an exchange's maintenance-margin table: positions up to {@code notionalUpToUsd} need
 * {@code maintenanceMarginRate} and may use at most {@code maxLeverage}.
 */
public record MmrBracket(double notionalUpToUsd, double maintenanceMarginRate, double maxLeverage) {}
