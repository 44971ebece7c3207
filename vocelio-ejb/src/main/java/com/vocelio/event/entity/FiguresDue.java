package com.vocelio.event.entity;

/**
 * The relay's signal that an organization's live figures are due: events touched it a moment ago and someone on this
 * node shows its counts. Observed, in that organization, by the feature that knows how to count, which hands the
 * result to the subscribers; the relay itself knows no feature.
 */
public record FiguresDue(String tenantId) {}
