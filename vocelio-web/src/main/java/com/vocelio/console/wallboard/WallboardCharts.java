package com.vocelio.console.wallboard;

import com.vocelio.analytics.boundary.ActivityReports.ServiceLevelHour;
import com.vocelio.analytics.boundary.ActivityReports.TransferHour;
import com.vocelio.console.Messages;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The wallboard's charts as Chart.js configurations for {@code p:chart}. Built with JSON-P, so every label is
 * JSON-escaped; the labels are hours and words of the bundle. Animation is off: the board re-renders on every change
 * and a chart that grows from zero each time would flicker.
 */
final class WallboardCharts {

    private WallboardCharts() {}

    /** Transfers requested per hour today, stacked by outcome. */
    static String outcomes(List<TransferHour> hours) {
        var datasets = Json.createArrayBuilder()
                .add(series("wallboard.chart.completed", "#22c55e", hours, TransferHour::completed))
                .add(series("wallboard.chart.abandoned", "#ef4444", hours, TransferHour::abandoned))
                .add(series("wallboard.chart.otherwiseEnded", "#a3a3a3", hours, TransferHour::otherwiseEnded))
                .add(series("wallboard.chart.open", "#3b82f6", hours, TransferHour::open));
        var labels = Json.createArrayBuilder();
        hours.forEach(h -> labels.add(h.hour()));
        var axes = Json.createObjectBuilder()
                .add("x", Json.createObjectBuilder().add("stacked", true))
                .add("y", Json.createObjectBuilder().add("stacked", true).add("beginAtZero", true));
        return chart("bar", labels, datasets, axes, "wallboard.chart.outcomes");
    }

    /** The average wait of each hour's transfers, in seconds. */
    static String averageWait(List<Map.Entry<String, Double>> hours) {
        var labels = Json.createArrayBuilder();
        var data = Json.createArrayBuilder();
        for (var hour : hours) {
            labels.add(hour.getKey());
            data.add(hour.getValue());
        }
        var datasets = Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("label", Messages.text("wallboard.chart.averageWaitSeconds"))
                        .add("borderColor", "#3b82f6")
                        .add("backgroundColor", "#3b82f6")
                        .add("data", data));
        var axes =
                Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true));
        return chart("line", labels, datasets, axes, "wallboard.chart.averageWait");
    }

    /**
     * The service level of each hour's transfers, in percent; an hour without answered or abandoned transfers has no
     * point (null), so the line does not claim 100 % for an empty hour.
     */
    static String serviceLevel(List<ServiceLevelHour> hours) {
        var labels = Json.createArrayBuilder();
        var data = Json.createArrayBuilder();
        for (var hour : hours) {
            labels.add(hour.hour());
            if (hour.percent() == null) {
                data.addNull();
            } else {
                data.add(hour.percent());
            }
        }
        var datasets = Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("label", Messages.text("wallboard.chart.serviceLevelPercent"))
                        .add("borderColor", "#22c55e")
                        .add("backgroundColor", "#22c55e")
                        .add("spanGaps", true)
                        .add("data", data));
        var axes = Json.createObjectBuilder()
                .add("y", Json.createObjectBuilder().add("min", 0).add("max", 100));
        return chart("line", labels, datasets, axes, "wallboard.chart.serviceLevel");
    }

    private static JsonObjectBuilder series(
            String key, String colour, List<TransferHour> hours, ToLongFunction<TransferHour> count) {
        var data = Json.createArrayBuilder();
        hours.forEach(h -> data.add(count.applyAsLong(h)));
        return Json.createObjectBuilder()
                .add("label", Messages.text(key))
                .add("backgroundColor", colour)
                .add("data", data);
    }

    private static String chart(
            String type, JsonArrayBuilder labels, JsonArrayBuilder datasets, JsonObjectBuilder axes, String title) {
        return Json.createObjectBuilder()
                .add("type", type)
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("animation", false)
                                .add("responsive", true)
                                .add("maintainAspectRatio", false)
                                .add("scales", axes)
                                .add(
                                        "plugins",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "title",
                                                        Json.createObjectBuilder()
                                                                .add("display", true)
                                                                .add("text", Messages.text(title)))))
                .build()
                .toString();
    }
}
