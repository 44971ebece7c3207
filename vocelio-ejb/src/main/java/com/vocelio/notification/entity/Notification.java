package com.vocelio.notification.entity;

/**
 * A system alert as the notification list shows it: {@code priority} is {@code high} for critical alerts,
 * {@code medium} for warnings, {@code low} otherwise; {@code read} is the asking user's.
 */
public record Notification(
        String id,
        String type,
        String severity,
        String priority,
        String category,
        String title,
        String message,
        String createdAt,
        boolean read) {

    public Notification asRead() {
        return new Notification(id, type, severity, priority, category, title, message, createdAt, true);
    }
}
